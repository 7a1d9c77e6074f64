package vn.matthan.tests;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.detection.evidence.DataBar;
import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.PlateRectifier;
import vn.matthan.detection.plate.TrackPlate;
import vn.matthan.detection.plate.VietnamesePlate;
import vn.matthan.testscenes.PlateImages;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.testscenes.GeneratedScene;
import vn.matthan.events.CaseStatus;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.CameraStream;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The police review desk over HTTP on a real PostgreSQL: cases opened by the stream job's sink from violation events
 * carrying a real signed evidence package; the full lifecycle, refused moves, jurisdiction, the audit chain, the
 * notice PDF and the public lookup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseWorkflowApiTest {
    static final String PLATE = "51F-123.45";
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    String evidenceSha;
    final HttpClient http = HttpClient.newHttpClient();
    String reviewer, outsider, operator, admin;
    final Instant t0 = Instant.parse("2026-11-22T01:00:00Z");

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        String url = pg.getJdbcUrl("postgres", "postgres");
        DatabaseSchema.migrate(url, "postgres", "postgres");
        NodeKeys keys = NodeKeys.loadOrCreate(dir.resolve("keys"));
        Path evidenceRoot = dir.resolve("evidence");
        evidenceSha = onePackage(keys, evidenceRoot, dir);
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x', now())");
            TestUsers.insert(c, new String[][]{{"canbo.522", "POLICE_REVIEWER", "{522}"}, {"canbo.999", "POLICE_REVIEWER", "{999}"},
                    {"vanhanh", "IOC_OPERATOR", "{522}"}, {"quantri", "ADMIN", "{}"}});
            c.createStatement().execute("INSERT INTO vehicle_registration (plate, owner_name, owner_address, vehicle_class) VALUES "
                    + "('51F12345', 'Nguyễn Văn An', '12 Hùng Vương, phường Trần Hưng Đạo, TP Quảng Ngãi', 'car')");
            c.setAutoCommit(false);
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) events.add(violation(i, i < 10 ? evidenceSha : null));
            ViolationCaseSink.write(c, events);
            c.commit();
        }
        NoticeSettings notice = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        EvidenceStore store = new vn.matthan.node.PackageDirectory(evidenceRoot, EvidenceVerifier.trusting(keys));
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE, store, notice);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
        reviewer = login("canbo.522");
        outsider = login("canbo.999");
        operator = login("vanhanh");
        admin = login("quantri");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    static String id(int i) {
        return new UUID(0x1234L, 1000 + i).toString();
    }

    byte[] violation(int i, String sha) {
        return EventJson.toBytes(new ViolationDetected(1, id(i), "red_light", "red_light:stop", "crossed_on_red", "qng-01", "522",
                t0.plusSeconds(3600L * i), "stop", "car", i, "red", 1.5, null, false, List.of(600.0, 250.0, 680.0, 330.0),
                i == 0 ? PLATE : "43A-555." + String.format("%02d", i), 0.96, false, sha == null ? null : "evidence:sha256:" + sha, sha, "v1#abc"));
    }

    /** A real package: the generated junction replayed as a camera, cut from its ring and signed. */
    static String onePackage(NodeKeys keys, Path root, Path work) throws Exception {
        GeneratedScene scene = GeneratedScene.write(work.resolve("scene"), 41, 16, "vision");
        CameraConfig cam = new CameraConfig("qng-01", "Ngã tư Hùng Vương – Quang Trung", "522", 15.12, 108.80,
                scene.video().toString(), 10, false, work);
        CameraStream stream = new CameraStream(cam, new FrameHandoff(4));
        Thread t = new Thread(stream);
        t.start();
        try {
            Thread.sleep(7000);
            Instant at = Instant.now().minusMillis(3000);
            EvidencePackager packager = new EvidencePackager(root, keys, new DataBar(DataBar.DEFAULT_FONT), List.of(), Map.of(),
                    Duration.ofSeconds(2), Duration.ofSeconds(1));
            ViolationDetected v = new ViolationDetected(1, new UUID(0x1234L, 1000).toString(), "red_light", "red_light:stop",
                    "crossed_on_red", cam.id(), "522", at, "stop", "car", 1, "red", 1.5, null, false, List.of(600.0, 250.0, 680.0, 330.0),
                    PLATE, 0.96, false, null, null, "v1#abc");
            // The plate crop as the evidence service stores it: the rectified plate of a generated picture.
            PlateImages.Sample s = new PlateImages().sample(new java.util.Random(3), false, false);
            PlateRecognizer.Result read = new PlateRecognizer.Result(PlateRecognizer.Status.READ, PLATE.replaceAll("[^A-Z0-9]", ""), PLATE,
                    VietnamesePlate.Format.CAR_ONE_LINE, "white", 0.96, new double[8], false, false,
                    PlateRectifier.rectify(s.bgr(), s.width(), s.height(), s.corners(), 0.05), null, null);
            return packager.write(new EvidencePackager.Request(v, cam, at.minusSeconds(1), at.plusSeconds(1)), stream.ring(),
                    new TrackPlate(read, 3, 3)).sha256();
        } finally {
            stream.stop();
            t.join(5000);
            stream.ring().close();
        }
    }

    // ---- lifecycle ----

    @Test
    void everyLegalMoveIsAcceptedAndAuditedAndTheChainChecksOut() throws Exception {
        String a = id(1), b = id(2), c = id(11);
        assertThat(move(reviewer, a, "CONFIRMED", null).statusCode()).isEqualTo(200);
        assertThat(move(reviewer, a, "NOTICE_ISSUED", null).statusCode()).isEqualTo(200);
        assertThat(move(reviewer, a, "CLOSED", "nộp phạt xong").statusCode()).isEqualTo(200);
        assertThat(move(reviewer, b, "REJECTED", "xe ưu tiên đang làm nhiệm vụ").statusCode()).isEqualTo(200);
        assertThat(move(reviewer, b, "CLOSED", null).statusCode()).isEqualTo(200);
        assertThat(get(reviewer, "/api/cases/" + c).body()).contains("\"status\":\"DETECTED\"");
        assertThat(move(admin, c, "PENDING_REVIEW", "đã kiểm tra chứng cứ").statusCode()).isEqualTo(200);

        JsonObject detail = new JsonObject(get(reviewer, "/api/cases/" + b).body());
        assertThat(detail.getString("status")).isEqualTo("CLOSED");
        assertThat(detail.getString("reject_reason")).isEqualTo("xe ưu tiên đang làm nhiệm vụ");
        assertThat(detail.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("action")).toList())
                .containsSubsequence("case.opened", "case.status DETECTED->PENDING_REVIEW", "case.status PENDING_REVIEW->REJECTED",
                        "case.status REJECTED->CLOSED");
        assertThat(detail.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("actor")).toList()).contains("canbo.522");

        JsonObject check = new JsonObject(get(admin, "/api/audit/check").body());
        assertThat(check.getBoolean("intact")).isTrue();
        assertThat(check.getLong("entries")).isGreaterThan(10);
    }

    @Test
    void everyIllegalMoveIsRefusedWith409AndAProblemBody() throws Exception {
        // One case in each status, reached by legal moves.
        Map<CaseStatus, String> inStatus = new java.util.EnumMap<>(CaseStatus.class);
        inStatus.put(CaseStatus.DETECTED, id(10));
        inStatus.put(CaseStatus.PENDING_REVIEW, id(3));
        move(reviewer, id(4), "CONFIRMED", null);
        inStatus.put(CaseStatus.CONFIRMED, id(4));
        move(reviewer, id(5), "REJECTED", "biển số không rõ");
        inStatus.put(CaseStatus.REJECTED, id(5));
        move(reviewer, id(6), "CONFIRMED", null);
        move(reviewer, id(6), "NOTICE_ISSUED", null);
        inStatus.put(CaseStatus.NOTICE_ISSUED, id(6));
        move(reviewer, id(7), "REJECTED", "trùng");
        move(reviewer, id(7), "CLOSED", null);
        inStatus.put(CaseStatus.CLOSED, id(7));
        int refused = 0;
        for (var e : inStatus.entrySet()) {
            for (CaseStatus to : CaseStatus.values()) {
                if (e.getKey().canMoveTo(to)) continue;
                HttpResponse<String> r = move(admin, e.getValue(), to.name(), "thử");
                assertThat(r.statusCode()).as(e.getKey() + " -> " + to).isEqualTo(409);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(new JsonObject(r.body()).getString("detail")).contains(e.getKey().name()).contains("allowed next");
                refused++;
            }
        }
        assertThat(refused).as("36 pairs minus the 6 legal moves").isEqualTo(6 * 6 - 6);
        assertThat(move(reviewer, id(8), "REJECTED", " ").statusCode()).as("rejection without a reason").isEqualTo(400);
    }

    @Test
    void anAlteredAuditEntryIsDetectedByTheChainCheck() throws Exception {
        move(reviewer, id(9), "CONFIRMED", null);
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.createStatement().execute("UPDATE audit_log SET reason = 'x' WHERE seq = 2")))
                    .as("the table refuses changes").hasMessageContaining("append-only");
            c.createStatement().execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
            c.createStatement().execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
            c.createStatement().execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change");
        }
        JsonObject check = new JsonObject(get(admin, "/api/audit/check").body());
        assertThat(check.getBoolean("intact")).isFalse();
        assertThat(check.getLong("first_broken_seq")).isEqualTo(3);

        String actor;
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            var rs = c.createStatement().executeQuery("SELECT actor FROM audit_log WHERE seq = 2");
            rs.next();
            actor = rs.getString(1); // entries 2 and 3 were both written by the stream job
            c.createStatement().execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
            c.createStatement().execute("UPDATE audit_log SET actor = '" + actor + "' WHERE seq = 3");
            c.createStatement().execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change");
        }
        assertThat(new JsonObject(get(admin, "/api/audit/check").body()).getBoolean("intact")).as("restored").isTrue();
    }

    // ---- access ----

    @Test
    void reviewersSeeOnlyTheirJurisdictionAndOtherRolesNothing() throws Exception {
        assertThat(get(outsider, "/api/cases/" + id(3)).statusCode()).isEqualTo(404);
        assertThat(new JsonObject(get(outsider, "/api/cases").body()).getJsonArray("items")).isEmpty();
        assertThat(get(operator, "/api/cases").statusCode()).isEqualTo(403);
        assertThat(get(null, "/api/cases").statusCode()).isEqualTo(401);
        assertThat(move(outsider, id(3), "CONFIRMED", null).statusCode()).isEqualTo(404);
        assertThat(get(reviewer, "/api/cases?statuss=CONFIRMED").statusCode()).as("unknown parameter").isEqualTo(400);
        assertThat(get(reviewer, "/api/cases/' OR 1=1 --").statusCode()).isIn(400, 404);
        HttpResponse<String> traversal = get(reviewer, "/api/cases/" + id(3) + "/evidence/..%2Fmanifest.json");
        assertThat(traversal.statusCode()).isIn(400, 404);
        assertThat(traversal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theQueuePagesWithoutOverlapAndKeepsTheOriginalPlateReadWhenCorrected() throws Exception {
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = new JsonObject(get(reviewer, "/api/cases?status=PENDING_REVIEW&limit=2" + (next == null ? "" : "&after=" + next)).body());
            for (Object o : page.getJsonArray("items")) assertThat(seen.add(((JsonObject) o).getString("id"))).isTrue();
            next = page.getString("next");
            pages++;
        } while (next != null && pages < 20);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        // Oldest first, page by page: the same cases, in rising time, none twice.
        List<Instant> times = new ArrayList<>();
        Set<String> oldestFirst = new HashSet<>();
        next = null;
        pages = 0;
        do {
            JsonObject page = new JsonObject(get(reviewer, "/api/cases?status=PENDING_REVIEW&sort=oldest&limit=2" + (next == null ? "" : "&after=" + next)).body());
            for (Object o : page.getJsonArray("items")) {
                assertThat(oldestFirst.add(((JsonObject) o).getString("id"))).isTrue();
                times.add(Instant.parse(((JsonObject) o).getString("occurred_at")));
            }
            next = page.getString("next");
            pages++;
        } while (next != null && pages < 20);
        assertThat(oldestFirst).isEqualTo(seen);
        assertThat(times).isSorted();
        assertThat(get(reviewer, "/api/cases?sort=sideways").statusCode()).isEqualTo(400);

        HttpResponse<String> fix = post(reviewer, "/api/cases/" + id(8) + "/plate", new JsonObject().put("plate", "43A-555.88")
                .put("reason", "đọc nhầm 0 thành 8"));
        assertThat(fix.statusCode()).isEqualTo(200);
        JsonObject c = new JsonObject(get(reviewer, "/api/cases/" + id(8)).body());
        assertThat(c.getString("plate_read")).isEqualTo("43A-555.08");
        assertThat(c.getBoolean("plate_needs_check")).as("the reading node's verdict on the read").isFalse();
        assertThat(c.getString("plate_corrected")).isEqualTo("43A-555.88");
        assertThat(c.getString("plate")).isEqualTo("43A55588");
    }

    @Test
    void theApiVerifiesAPackageAndServesItsFilesOnlyWhileIntact() throws Exception {
        JsonObject ok = new JsonObject(get(reviewer, "/api/cases/" + id(3) + "/evidence").body());
        assertThat(ok.getBoolean("intact")).isTrue();
        HttpResponse<byte[]> still = http.send(request(reviewer, "/api/cases/" + id(3) + "/evidence/still-2-violation.jpg").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(still.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        HttpResponse<byte[]> plate = http.send(request(reviewer, "/api/cases/" + id(3) + "/evidence/plate.jpg").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plate.statusCode()).as("the plate crop, for the reviewer's zoom").isEqualTo(200);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(plate.body())).getWidth()).isGreaterThan(100);

        Path clip = dir.resolve("evidence").resolve(evidenceSha.substring(0, 2)).resolve(evidenceSha).resolve("clip.mp4");
        // The clip seeks: a byte range comes back as 206 with exactly those bytes.
        byte[] whole = Files.readAllBytes(clip);
        HttpResponse<byte[]> part = http.send(request(reviewer, "/api/cases/" + id(3) + "/evidence/clip.mp4").header("Range", "bytes=100-299").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-299/" + whole.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 100, 300));
        HttpResponse<byte[]> tail = http.send(request(reviewer, "/api/cases/" + id(3) + "/evidence/clip.mp4").header("Range", "bytes=-10").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, whole.length - 10, whole.length));
        assertThat(http.send(request(reviewer, "/api/cases/" + id(3) + "/evidence/clip.mp4").header("Range", "bytes=" + whole.length + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(416);
        byte[] original = Files.readAllBytes(clip);
        byte[] flipped = original.clone();
        flipped[flipped.length / 3] ^= 0x01;
        Files.write(clip, flipped);
        try {
            JsonObject bad = new JsonObject(get(reviewer, "/api/cases/" + id(3) + "/evidence").body());
            assertThat(bad.getBoolean("intact")).isFalse();
            assertThat(bad.getJsonArray("problems").getString(0)).startsWith("clip.mp4: SHA-256 differs");
            assertThat(get(reviewer, "/api/cases/" + id(3) + "/evidence/still-2-violation.jpg").statusCode()).isEqualTo(409);
        } finally {
            Files.write(clip, original);
        }
    }

    // ---- the notice ----

    @Test
    void theNoticeIsAVietnamesePdfWithThePlateTheStillsAndAQrCodeToTheLookup() throws Exception {
        assertThat(move(reviewer, id(0), "CONFIRMED", null).statusCode()).isEqualTo(200);
        assertThat(move(reviewer, id(0), "NOTICE_ISSUED", null).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> pdf = http.send(request(reviewer, "/api/cases/" + id(0) + "/notice.pdf").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        Path file = dir.resolve("notice.pdf");
        Files.write(file, pdf.body());

        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(text).contains("Thông báo", "THÔNG BÁO VI PHẠM", PLATE, "Nguyễn Văn An", "Ngã tư Hùng Vương – Quang Trung", evidenceSha,
                "http://localhost:8080/tra-cuu.html?bien-so=51F12345");

        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            int images = 0;
            for (var name : doc.getPage(0).getResources().getXObjectNames()) {
                if (doc.getPage(0).getResources().getXObject(name) instanceof PDImageXObject) images++;
            }
            assertThat(images).as("the three stills are embedded").isEqualTo(3);
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            String qr = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)))).getText();
            assertThat(qr).isEqualTo("http://localhost:8080/tra-cuu.html?bien-so=51F12345");
        }
    }

    @Test
    void thePublicSeesOnlyConfirmedCasesOfThePlateWithoutPersonalDataAndIsRateLimited() throws Exception {
        HttpResponse<String> before = get(null, "/api/public/violations?plate=43A-555.04");
        assertThat(new JsonObject(before.body()).getJsonArray("violations")).as("case 4 not yet confirmed, or confirmed by another test")
                .hasSizeLessThanOrEqualTo(1);
        move(reviewer, id(4), "CONFIRMED", null);
        JsonObject after = new JsonObject(get(null, "/api/public/violations?plate=43a555.04").body());
        JsonArray v = after.getJsonArray("violations");
        assertThat(v).hasSize(1);
        assertThat(v.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("id", "time", "time_local", "violation_type", "violation", "place",
                "status_code", "status", "scene");
        assertThat(after.encode()).doesNotContain("owner", "Nguyễn", "evidence");
        assertThat(new JsonObject(get(null, "/api/public/violations?plate=43A-555.05").body()).getJsonArray("violations"))
                .as("rejected or pending cases are not public").isEmpty();
        int limited = 0;
        for (int i = 0; i < 25; i++) if (get(null, "/api/public/violations?plate=43A-555.06").statusCode() == 429) limited++;
        assertThat(limited).isPositive();
    }

    // ---- helpers ----

    String login(String user) throws Exception {
        HttpResponse<String> r = post(null, "/api/login", new JsonObject().put("username", user).put("password", TestUsers.PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    HttpResponse<String> move(String token, String caseId, String to, String reason) throws Exception {
        JsonObject body = new JsonObject().put("to", to);
        if (reason != null) body.put("reason", reason);
        return post(token, "/api/cases/" + caseId + "/transitions", body);
    }

    HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path.replace(" ", "%20").replace("'", "%27")));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(request(token, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String token, String path, JsonObject body) throws Exception {
        return http.send(request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
