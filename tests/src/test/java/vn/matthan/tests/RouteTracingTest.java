package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.api.ExportSigner;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.detection.evidence.FilePackageStore;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.detection.evidence.PhotoPackages;
import vn.matthan.detection.pipeline.CameraPipeline;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.pipeline.KafkaEventPublisher;
import vn.matthan.detection.plate.PassagePlateReader;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.events.EventJson;
import vn.matthan.events.PlateGrammar;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.node.PackagePhotos;
import vn.matthan.testscenes.PlateDrive;
import vn.matthan.testscenes.PlateImages;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route tracing through the real chain: a vehicle with a generated plate is driven past three cameras of a generated
 * city; each camera's pipeline reads the plate of the passage with the real plate models and publishes it to a real
 * Kafka broker; the flow job (Flink MiniCluster) stores it in real PostgreSQL; the investigator asks the API (and the
 * page in headless Chromium) where the plate went. A look-alike plate at the second camera and the same plate at a camera
 * outside the investigator's district come from other camera nodes' passages on the same topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTracingTest {
    static final Path MODELS = WholeIocEndToEndTest.ROOT.resolve("../shared/assets/models");
    static final String REASON = "Điều tra vụ trộm xe ngày 05/12, xác minh hành trình phương tiện";
    @TempDir
    static Path dir;
    StreamJobFixture job;
    Vertx vertx;
    int port;
    ExportSigner signer;
    PlateImages.Sample vehicle;
    String lookAlike;
    Instant t0, from, to;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        job = new StreamJobFixture(dir, "route-tracing-test");
        try (Connection c = job.pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) VALUES "
                    + "('cam-a', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.1214, 108.8044, 'x', now()),"
                    + "('cam-b', 'Cầu Trà Khúc', '522', 15.1302, 108.7950, 'x', now()),"
                    + "('cam-c', 'Ngã ba Thạch Bích', '522', 15.1405, 108.7861, 'x', now()),"
                    + "('cam-x', 'Quốc lộ 1 – Bình Sơn', '523', 15.2900, 108.7600, 'x', now())");
            TestUsers.insert(c, new String[][]{{"dieutra", "POLICE_INVESTIGATOR", "{522}"}, {"kiemduyet", "POLICE_REVIEWER", "{522}"}});
        }
        t0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        from = t0.minus(Duration.ofHours(1));
        to = t0.plus(Duration.ofHours(1));
        vehicle = PlateDrive.vehicles(new PlateImages(), new Random(7), 1).get(0);
        lookAlike = PlateGrammar.lookAlikes(vehicle.normalised()).get(0);

        FilePackageStore store = new FilePackageStore(dir.resolve("evidence"));
        try (PlateRecognizer recognizer = DetectionConfig.defaults(MODELS).plates().create();
             KafkaEventPublisher publisher = new KafkaEventPublisher(job.kafka.bootstrapServers())) {
            // One reader for the three cameras, as on a camera node; frames come faster than real time, so no budget limit.
            PassagePlateReader reader = new PassagePlateReader(recognizer, new PhotoPackages(store, dir.resolve("work")), 64, 2,
                    Duration.ofMinutes(5));
            String[] cameras = {"cam-a", "cam-b", "cam-c"};
            for (int i = 0; i < cameras.length; i++) {
                PlateDrive drive = PlateDrive.of(cameras[i], List.of(vehicle), t0.plus(Duration.ofMinutes(new int[]{0, 4, 9}[i])));
                FrameHandoff handoff = new FrameHandoff(drive.frames().size() + 1);
                CameraPipeline p = new CameraPipeline(new CameraConfig(cameras[i], cameras[i], "522", 15.1, 108.8, "x", 5, false,
                        Path.of("scene.yaml")), PlateDrive.scene(), handoff, drive.truthDetector(), publisher);
                p.readPassagePlates(reader, Duration.ofSeconds(1));
                drive.runThrough(p, handoff);
            }
            reader.close();
        }
        job.produce(Topics.VEHICLE_PASSAGE, "cam-b", List.of(
                passage("cam-b", t0.plus(Duration.ofMinutes(6)), lookAlike, 0.62, true),
                passage("cam-b", t0.plus(Duration.ofMinutes(7)), "43A99999", 0.95, false)));
        job.produce(Topics.VEHICLE_PASSAGE, "cam-x", List.of(passage("cam-x", t0.plus(Duration.ofMinutes(20)), vehicle.normalised(), 0.97, false)));
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(90), () -> column("SELECT count(*) FROM vehicle_passage").equals(List.of("6")));

        NodeKeys keys = NodeKeys.loadOrCreate(dir.resolve("export-keys"));
        signer = new ExportSigner(keys.keyId(), keys.publicKey(), keys::sign);
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(job.pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE)
                .withRouteTracing(new PackagePhotos(store, dir.resolve("work")), signer);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
    }

    static byte[] passage(String camera, Instant at, String plate, double confidence, boolean check) {
        return EventJson.toBytes(VehiclePassage.of(camera, "giữa", null, "car", "forward", at, 1, "v1", "other-node")
                .withPlate("READ", plate, plate, confidence, check, null));
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (job != null) job.close();
    }

    String lookup(String plate) {
        return "?reason=" + URLEncoder.encode(REASON, StandardCharsets.UTF_8) + "&case_ref=VV-2026-0412&from=" + from + "&to=" + to;
    }

    @Test
    void thePlateDrivenThroughThreeCamerasComesBackAsThreeSightingsInOrderWithTheLookAlikeApart() throws Exception {
        assertThat(column("SELECT plate_status || ' ' || coalesce(plate, '-') FROM vehicle_passage WHERE camera_id IN ('cam-a', 'cam-b', 'cam-c') "
                + "AND plate_needs_check IS DISTINCT FROM true AND plate = '" + vehicle.normalised() + "'"))
                .as("each camera read the plate it saw").hasSize(3);
        HttpResponse<String> r = get(login("dieutra"), "/api/plates/" + URLEncoder.encode(vehicle.display(), StandardCharsets.UTF_8)
                + "/sightings" + lookup(vehicle.normalised()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("plate")).isEqualTo(vehicle.normalised());
        JsonArray s = body.getJsonArray("sightings");
        assertThat(s).hasSize(3);
        List<String> cams = new ArrayList<>(), times = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            JsonObject x = s.getJsonObject(i);
            cams.add(x.getString("camera_id"));
            times.add(x.getString("time"));
            assertThat(x.getString("plate_display")).isEqualTo(vehicle.display());
            assertThat(x.getString("thumbnail")).startsWith("/api/sightings/" + x.getString("passage_id") + "/thumbnail.jpg?time=");
            assertThat(x.getDouble("latitude")).isNotNull();
            assertThat(x.getString("direction")).isEqualTo("forward");
        }
        assertThat(cams).containsExactly("cam-a", "cam-b", "cam-c"); // cam-x is outside the investigator's district
        assertThat(times).isSorted();
        assertThat(Instant.parse(times.get(1))).isBetween(t0.plus(Duration.ofMinutes(4)), t0.plus(Duration.ofMinutes(5)));
        JsonArray near = body.getJsonArray("near_matches");
        assertThat(near).hasSize(1);
        assertThat(near.getJsonObject(0).getString("plate")).isEqualTo(lookAlike);
        assertThat(near.getJsonObject(0).getString("camera_id")).isEqualTo("cam-b");
        assertThat(near.getJsonObject(0).getJsonArray("differs_at").getList()).hasSize(1);
        assertThat(near.getJsonObject(0).getBoolean("needs_check")).isTrue();
    }

    @Test
    void everyLookupIsAuditedWithTheInvestigatorThePlateAndTheReasonAndOneWithoutAReasonIsRefused() throws Exception {
        String token = login("dieutra");
        String audited = "SELECT count(*) FROM audit_log WHERE action = 'plate.sightings.viewed'";
        long before = Long.parseLong(column(audited).get(0));
        HttpResponse<String> none = get(token, "/api/plates/" + vehicle.normalised() + "/sightings?from=" + from + "&to=" + to);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("reason");
        HttpResponse<String> short_ = get(token, "/api/plates/" + vehicle.normalised() + "/sightings?reason=xem&from=" + from + "&to=" + to);
        assertThat(short_.statusCode()).isEqualTo(400);
        assertThat(Long.parseLong(column(audited).get(0))).as("refused lookups read nothing").isEqualTo(before);

        assertThat(get(token, "/api/plates/" + vehicle.normalised() + "/sightings" + lookup(vehicle.normalised())).statusCode()).isEqualTo(200);
        assertThat(column("SELECT actor || '|' || role || '|' || target || '|' || reason FROM audit_log "
                + "WHERE action = 'plate.sightings.viewed' ORDER BY seq DESC LIMIT 1"))
                .containsExactly("dieutra|POLICE_INVESTIGATOR|plate:" + vehicle.normalised() + "|case VV-2026-0412: " + REASON);
        assertThat(column("SELECT (first_broken IS NULL)::text FROM audit_chain_check()")).containsExactly("true");
    }

    @Test
    void aReviewerWithoutTheInvestigatorRoleIsRefused() throws Exception {
        String reviewer = login("kiemduyet");
        for (String path : List.of("/sightings", "/route.pdf", "/route.csv")) {
            assertThat(get(reviewer, "/api/plates/" + vehicle.normalised() + path + lookup(vehicle.normalised())).statusCode())
                    .as(path).isEqualTo(403);
        }
        assertThat(get(null, "/api/plates/" + vehicle.normalised() + "/sightings" + lookup(vehicle.normalised())).statusCode()).isEqualTo(401);
    }

    @Test
    void aSightingsThumbnailIsTheStoredVehicleCheckedAgainstItsHashAndAudited() throws Exception {
        String token = login("dieutra");
        JsonObject first = new JsonObject(get(token, "/api/plates/" + vehicle.normalised() + "/sightings" + lookup(vehicle.normalised())).body())
                .getJsonArray("sightings").getJsonObject(0);
        HttpResponse<byte[]> img = http.send(request(token, first.getString("thumbnail")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(img.statusCode()).isEqualTo(200);
        assertThat(img.headers().firstValue("Content-Type")).contains("image/jpeg");
        String sha = column("SELECT thumbnail_sha256 FROM vehicle_passage WHERE event_id = '" + first.getString("passage_id") + "'").get(0);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(img.body()))).isEqualTo(sha);
        assertThat(column("SELECT count(*) FROM audit_log WHERE action = 'plate.sighting.thumbnail.viewed' AND target = 'passage:"
                + first.getString("passage_id") + "'")).containsExactly("1");
        HttpResponse<String> elsewhere = get(token, "/api/sightings/" + first.getString("passage_id") + "/thumbnail.jpg?time="
                + Instant.parse(first.getString("time")).plusSeconds(1));
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void theRouteExportsAsAPdfWhoseSignatureBreaksOnAnyChangeAndAsASignedCsv() throws Exception {
        String token = login("dieutra");
        HttpResponse<byte[]> pdf = http.send(request(token, "/api/plates/" + vehicle.normalised() + "/route.pdf" + lookup(vehicle.normalised()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("X-Export-Key")).contains(signer.keyId());
        assertThat(verifyPdf(pdf.body())).isTrue();
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("TRÍCH XUẤT LỘ TRÌNH PHƯƠNG TIỆN", vehicle.display(), "Ngã tư Hùng Vương – Quang Trung", "Cầu Trà Khúc",
                    "Ngã ba Thạch Bích", lookAlike, REASON, "VV-2026-0412", "dieutra").doesNotContain("Bình Sơn");
        }
        byte[] changed = pdf.body().clone();
        int at = new String(changed, StandardCharsets.ISO_8859_1).indexOf("/Producer");
        changed[at > 0 ? at + 2 : changed.length / 3] ^= 1;
        assertThat(verifyPdf(changed)).as("a changed byte breaks the signature").isFalse();

        HttpResponse<String> csv = get(token, "/api/plates/" + vehicle.normalised() + "/route.csv" + lookup(vehicle.normalised()));
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("kind,seq,time_utc,time_vietnam,camera_id");
        assertThat(lines).filteredOn(l -> l.startsWith("sighting,")).hasSize(3);
        assertThat(lines).filteredOn(l -> l.startsWith("near_match,")).hasSize(1);
        String last = lines[lines.length - 1];
        assertThat(last).startsWith("# signature: ed25519 key=" + signer.keyId());
        byte[] signedPart = csv.body().substring(0, csv.body().lastIndexOf("# signature:")).getBytes(StandardCharsets.UTF_8);
        byte[] value = Base64.getDecoder().decode(last.substring(last.indexOf("value=") + 6));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(signer.publicKey());
        v.update(signedPart);
        assertThat(v.verify(value)).isTrue();
        assertThat(column("SELECT count(*) FROM audit_log WHERE action IN ('plate.route.exported pdf', 'plate.route.exported csv') "
                + "AND reason LIKE '%" + REASON + "'")).containsExactly("2");
    }

    @Test
    void theRoutePageDrawsTheSightingsInOrderOnTheMapAndListsTheLookAlikeApart() throws Exception {
        ChromeDriver b = Browser.start(dir.resolve("downloads"));
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(30));
            b.get("http://127.0.0.1:" + port + "/lo-trinh.html");
            WebElement form = b.findElement(By.id("signin"));
            form.findElement(By.name("username")).sendKeys("dieutra");
            form.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("search")).isDisplayed());
            b.findElement(By.id("plate")).sendKeys(vehicle.display());
            b.findElement(By.id("reason")).sendKeys(REASON);
            b.findElement(By.id("case-ref")).sendKeys("VV-2026-0412");
            b.findElement(By.id("find")).click();
            wait.withMessage(() -> b.findElement(By.id("message")).getText())
                    .until(d -> d.findElements(By.cssSelector("#sightings li[data-passage]")).size() == 3);
            assertThat(b.findElements(By.cssSelector("#map .route-label"))).hasSize(3);
            assertThat(b.findElements(By.cssSelector("#map path.leaflet-interactive"))).as("the route line").hasSize(1);
            List<WebElement> items = b.findElements(By.cssSelector("#sightings li"));
            assertThat(items.get(0).getText()).contains("Ngã tư Hùng Vương – Quang Trung", vehicle.display());
            assertThat(items.get(2).getText()).contains("Ngã ba Thạch Bích");
            assertThat(b.findElements(By.cssSelector("#near li[data-passage]"))).hasSize(1);
            assertThat(b.findElement(By.id("near")).getText()).contains(lookAlike, "cần người kiểm tra");
            wait.until(d -> Boolean.TRUE.equals(b.executeScript(
                    "const i = document.querySelector('#sightings img'); return !!i && i.complete && i.naturalWidth > 0")));
            Browser.screenshot(b, "route-tracing");
            b.findElement(By.id("export-pdf")).click();
            Path downloaded = dir.resolve("downloads").resolve("lo-trinh-" + vehicle.normalised() + ".pdf");
            wait.until(d -> Files.isRegularFile(downloaded) && downloaded.toFile().length() > 1000);
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(10), () -> verifyPdf(Files.readAllBytes(downloaded)));
        } finally {
            b.quit();
        }
    }

    /** Whether the PDF's signature covers the file as it is and was made by the export key. */
    boolean verifyPdf(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDSignature> sigs = doc.getSignatureDictionaries();
            if (sigs.size() != 1) return false;
            PDSignature sig = sigs.get(0);
            int[] range = sig.getByteRange();
            if (range[2] + range[3] != pdf.length) return false; // nothing appended after signing
            // The /Contents placeholder is zero-padded: read the one CMS structure at its start.
            ContentInfo info;
            try (ASN1InputStream in = new ASN1InputStream(sig.getContents(pdf))) {
                info = ContentInfo.getInstance(in.readObject());
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(sig.getSignedContent(pdf)), info);
            SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
            X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates().getMatches(si.getSID()).iterator().next();
            boolean byExportKey = java.util.Arrays.equals(cert.getSubjectPublicKeyInfo().getEncoded(), signer.publicKey().getEncoded());
            return byExportKey && si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
        } catch (Exception e) {
            return false; // unreadable or altered: not verified
        }
    }

    List<String> column(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = job.pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = http.send(request(null, "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", TestUsers.PASSWORD).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(request(token, path).build(), HttpResponse.BodyHandlers.ofString());
    }
}
