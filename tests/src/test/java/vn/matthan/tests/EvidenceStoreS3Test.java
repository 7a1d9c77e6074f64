package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import vn.matthan.api.CameraStatusSource;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.detection.evidence.DataBar;
import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.evidence.EvidenceService;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.detection.evidence.PackageStore;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.CameraStream;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.node.EvidenceStoreConfig;
import vn.matthan.node.PackageDirectory;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;
import vn.matthan.testscenes.GeneratedScene;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidence on a shared S3-compatible store (a real one: s3rver on loopback): a camera node's packager stores a package
 * in the bucket, an API node that has only the camera node's public key and the bucket serves and verifies it over
 * HTTP, and refuses it (409) once an object in the bucket is changed, added or removed. A store that does not answer
 * costs the package, never the violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceStoreS3Test {
    static final String BUCKET = "matthan-evidence";
    static final List<String> PACKAGE_FILES = List.of("clip.mp4", "manifest.json", "manifest.sig.json", "still-1-before.jpg",
            "still-2-violation.jpg", "still-3-after.jpg", "vehicle.jpg");
    @TempDir
    static Path dir;
    S3TestServer s3;
    S3Client raw;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    NodeKeys cameraKeys;
    EvidencePackager.Written written;
    ViolationDetected sent, sentWithoutStore;
    EvidenceStoreConfig apiSide;
    String reviewer;
    final HttpClient http = HttpClient.newHttpClient();
    final String caseId = new UUID(0x53L, 1).toString();

    Map<String, String> env(String store) {
        Map<String, String> env = new HashMap<>();
        env.put("IOC_EVIDENCE_STORE", store);
        env.put("IOC_EVIDENCE_S3_ENDPOINT", s3.endpoint());
        env.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        return env;
    }

    @BeforeAll
    void start() throws Exception {
        s3 = new S3TestServer(dir.resolve("s3"), BUCKET);
        raw = S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();

        // The camera node: its own data folder and key, packages to the bucket.
        Path cameraData = dir.resolve("camera-node");
        cameraKeys = NodeKeys.loadOrCreate(cameraData.resolve("keys"));
        EvidenceStoreConfig cameraSide = EvidenceStoreConfig.fromEnvironment(env("s3://" + BUCKET + "/danang"), cameraData);
        cameraSide.store().probe();
        EvidenceStoreConfig unreachable = EvidenceStoreConfig.fromEnvironment(Map.of("IOC_EVIDENCE_STORE", "s3://" + BUCKET,
                "IOC_EVIDENCE_S3_ENDPOINT", "http://127.0.0.1:" + freePort(), "AWS_ACCESS_KEY_ID", "S3RVER", "AWS_SECRET_ACCESS_KEY", "S3RVER"),
                dir.resolve("camera-node-2"));
        packageOnCamera(cameraSide, unreachable);

        // The API node: another data folder, the camera node's public key only, the same bucket.
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) VALUES "
                    + "('dng-01', 'Hà Huy Tập – Huỳnh Ngọc Huệ', '490', 16.07, 108.19, 'x', now())");
            TestUsers.insert(c, new String[][]{{"canbo.490", "POLICE_REVIEWER", "{490}"}});
            c.setAutoCommit(false);
            ViolationCaseSink.write(c, List.of(EventJson.toBytes(sent)));
            c.commit();
        }
        Path apiData = dir.resolve("api-node");
        Files.createDirectories(apiData.resolve("trusted-keys/camera-1"));
        Files.copy(cameraData.resolve("keys/node-ed25519.pub"), apiData.resolve("trusted-keys/camera-1/node-ed25519.pub"));
        var key = NodeKeys.publicKeyIn(apiData.resolve("trusted-keys/camera-1"));
        apiSide = EvidenceStoreConfig.fromEnvironment(env("s3://" + BUCKET + "/danang"), apiData);
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, CameraStatusSource.NONE,
                new PackageDirectory(apiSide.store(), new EvidenceVerifier(Map.of(key.getKey(), key.getValue()))), null);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", "canbo.490").put("password", TestUsers.PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        reviewer = new JsonObject(login.body()).getString("token");
    }

    /** The generated junction replayed as a camera; one violation packaged to the bucket, one to a store that is down. */
    void packageOnCamera(EvidenceStoreConfig store, EvidenceStoreConfig down) throws Exception {
        Path work = dir.resolve("scene");
        GeneratedScene scene = GeneratedScene.write(work, 41, 16, "vision");
        CameraConfig cam = new CameraConfig("dng-01", "Hà Huy Tập – Huỳnh Ngọc Huệ", "490", 16.07, 108.19,
                scene.video().toString(), 10, false, work);
        CameraStream stream = new CameraStream(cam, new FrameHandoff(4));
        Thread t = new Thread(stream);
        t.start();
        try {
            Thread.sleep(7000);
            Instant at = Instant.now().minusMillis(3000);
            ViolationDetected v = new ViolationDetected(1, caseId, "red_light", "red_light:stop", "crossed_on_red", cam.id(), "490", at,
                    "stop", "car", 1, "red", 1.5, null, false, List.of(600.0, 250.0, 680.0, 330.0), "43A-123.45", 0.96, false, null, null, "v1#abc");
            written = packager(store).write(new EvidencePackager.Request(v, cam, at.minusSeconds(1), at.plusSeconds(1)), stream.ring());
            sent = v.withEvidence(written.uri(), written.sha256());

            CompletableFuture<ViolationDetected> published = new CompletableFuture<>();
            try (EvidenceService service = new EvidenceService(packager(down))) {
                service.submit(new EvidencePackager.Request(v, cam, at.minusSeconds(1), at.plusSeconds(1)), stream.ring(), published::complete);
                sentWithoutStore = published.get(60, TimeUnit.SECONDS);
                assertThat(service.failed()).isEqualTo(1);
            }
        } finally {
            stream.stop();
            t.join(5000);
            stream.ring().close();
        }
    }

    EvidencePackager packager(EvidenceStoreConfig store) throws java.io.IOException {
        return new EvidencePackager(store.store(), store.work(), cameraKeys, new DataBar(DataBar.DEFAULT_FONT), List.of(), Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
        if (raw != null) raw.close();
        if (s3 != null) s3.close();
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String key(String file) {
        return "danang/" + written.sha256().substring(0, 2) + "/" + written.sha256() + "/" + file;
    }

    byte[] object(String file) {
        return raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(key(file))).asByteArray();
    }

    HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/" + caseId + path))
                .header("Authorization", "Bearer " + reviewer);
        if (range != null) b.header("Range", range);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonObject check() throws Exception {
        return new JsonObject(new String(get("/evidence", null).body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theCameraNodeStoresThePackageInTheBucketUnderItsAddressAndTheEventNamesOnlyTheAddress() throws Exception {
        assertThat(sent.evidenceUri()).isEqualTo("evidence:sha256:" + written.sha256());
        assertThat(sent.evidenceSha256()).isEqualTo(written.sha256());
        assertThat(written.dir()).as("no folder on the camera node holds it").isNull();
        var keys = raw.listObjectsV2(b -> b.bucket(BUCKET).prefix("danang/")).contents().stream().map(o -> o.key()).sorted().toList();
        assertThat(keys).isEqualTo(PACKAGE_FILES.stream().map(this::key).toList());
        assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(object("manifest.json")))).as("the address is the manifest's SHA-256").isEqualTo(written.sha256());
        assertThat(raw.headObject(b -> b.bucket(BUCKET).key(key("clip.mp4"))).contentType()).isEqualTo("video/mp4");
        try (var left = Files.list(dir.resolve("camera-node/evidence-work"))) {
            assertThat(left.toList()).as("the work folder is emptied once stored").isEmpty();
        }
        PackageStore store = apiSide.store();
        assertThat(store.exists(written.sha256())).isTrue();
        assertThat(store.exists("0".repeat(64))).isFalse();
        assertThat(store.files(written.sha256())).isEqualTo(PACKAGE_FILES);
        byte[] clip = object("clip.mp4");
        try (InputStream in = store.open(written.sha256(), "clip.mp4", 100, 200)) {
            assertThat(in.readAllBytes()).as("a byte range of the clip").isEqualTo(Arrays.copyOfRange(clip, 100, 300));
        }
        try (InputStream in = store.open(written.sha256(), "clip.mp4", clip.length - 10, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(clip, clip.length - 10, clip.length));
        }
    }

    @Test
    void aStoreThatDoesNotAnswerCostsThePackageNeverTheViolation() throws Exception {
        assertThat(sentWithoutStore.violationId()).isEqualTo(caseId);
        assertThat(sentWithoutStore.evidenceUri()).isNull();
        assertThat(sentWithoutStore.evidenceSha256()).isNull();
        EvidenceStoreConfig down = EvidenceStoreConfig.fromEnvironment(Map.of("IOC_EVIDENCE_STORE", "s3://" + BUCKET,
                "IOC_EVIDENCE_S3_ENDPOINT", "http://127.0.0.1:" + freePort(), "AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"), dir.resolve("x"));
        assertThatThrownBy(() -> down.store().probe()).hasMessageStartingWith("evidence store s3://" + BUCKET + " at http://127.0.0.1:")
                .hasMessageContaining(" unreachable: ").message().doesNotContain("\n");
        EvidenceStoreConfig noBucket = EvidenceStoreConfig.fromEnvironment(env("s3://no-such-bucket"), dir.resolve("y"));
        assertThatThrownBy(() -> noBucket.store().probe())
                .hasMessage("evidence store s3://no-such-bucket at " + s3.endpoint() + ": bucket no-such-bucket not usable: 404 NoSuchBucket: The specified bucket does not exist.");
    }

    @Test
    void theApiNodeServesAndVerifiesThePackageFromTheBucket() throws Exception {
        JsonObject ok = check();
        assertThat(ok.getBoolean("found")).isTrue();
        assertThat(ok.getBoolean("intact")).as(ok.encode()).isTrue();
        assertThat(ok.getString("signed_by")).isEqualTo(cameraKeys.keyId());
        HttpResponse<byte[]> still = get("/evidence/still-2-violation.jpg", null);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(still.body()).isEqualTo(object("still-2-violation.jpg"));
        byte[] clip = object("clip.mp4");
        HttpResponse<byte[]> part = get("/evidence/clip.mp4", "bytes=100-299");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-299/" + clip.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(clip, 100, 300));
    }

    Path cached(String file) {
        return dir.resolve("api-node/evidence-cache").resolve(written.sha256().substring(0, 2)).resolve(written.sha256()).resolve(file);
    }

    Object fileKey(Path p) throws Exception {
        return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    @Test
    void theApiNodeFetchesAnObjectOnlyWhenItChangedAndHealsADamagedLocalCopy() throws Exception {
        assertThat(check().getBoolean("intact")).isTrue();
        Object before = fileKey(cached("still-1-before.jpg"));
        assertThat(check().getBoolean("intact")).isTrue();
        assertThat(fileKey(cached("still-1-before.jpg"))).as("unchanged object, same local file").isEqualTo(before);

        // The API node's own copy damaged, size and time kept: the verdict is confirmed on fresh objects, which verify.
        Path local = cached("still-1-before.jpg");
        var time = Files.getLastModifiedTime(local);
        byte[] b = Files.readAllBytes(local);
        b[b.length / 2] ^= 0x01;
        Files.write(local, b);
        Files.setLastModifiedTime(local, time);
        assertThat(check().getBoolean("intact")).isTrue();
        assertThat(Files.readAllBytes(local)).isEqualTo(object("still-1-before.jpg"));
    }

    @Test
    void aChangedAddedOrRemovedObjectInTheBucketIsRefusedWith409() throws Exception {
        assertThat(check().getBoolean("intact")).isTrue(); // the API node holds a verified copy now
        byte[] original = object("clip.mp4");
        byte[] flipped = original.clone();
        flipped[flipped.length / 3] ^= 0x01;
        raw.putObject(b -> b.bucket(BUCKET).key(key("clip.mp4")), RequestBody.fromBytes(flipped));
        try {
            JsonObject bad = check();
            assertThat(bad.getBoolean("intact")).isFalse();
            assertThat(bad.getJsonArray("problems").getList()).containsExactly("clip.mp4: SHA-256 differs from the manifest (file changed)");
            assertThat(get("/evidence/still-2-violation.jpg", null).statusCode()).isEqualTo(409);
            assertThat(get("/evidence/clip.mp4", "bytes=0-99").statusCode()).isEqualTo(409);
        } finally {
            raw.putObject(b -> b.bucket(BUCKET).key(key("clip.mp4")), RequestBody.fromBytes(original));
        }
        assertThat(check().getBoolean("intact")).as("the original bytes back: intact again").isTrue();

        raw.putObject(b -> b.bucket(BUCKET).key(key("notes.txt")), RequestBody.fromString("thêm vào"));
        byte[] vehicle = object("vehicle.jpg");
        raw.deleteObject(b -> b.bucket(BUCKET).key(key("vehicle.jpg")));
        try {
            JsonObject bad = check();
            assertThat(bad.getJsonArray("problems").getList()).containsExactly("vehicle.jpg: missing",
                    "notes.txt: not listed in the manifest (file added)");
            assertThat(get("/evidence/still-1-before.jpg", null).statusCode()).isEqualTo(409);
        } finally {
            raw.deleteObject(b -> b.bucket(BUCKET).key(key("notes.txt")));
            raw.putObject(b -> b.bucket(BUCKET).key(key("vehicle.jpg")), RequestBody.fromBytes(vehicle));
        }
        assertThat(check().getBoolean("intact")).isTrue();
    }

    /** {@code ./ioc verify evidence:sha256:<hex>}: the same verifier, on the package fetched from the configured bucket. */
    String[] verifyCommand(Path data) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "vn.matthan.node.VerifyPackage", sent.evidenceUri(),
                dir.resolve("camera-node/keys").toString()).redirectErrorStream(true);
        pb.environment().putAll(env("s3://" + BUCKET + "/danang"));
        pb.environment().put("IOC_DATA_DIR", data.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[]{String.valueOf(p.exitValue()), out.strip()};
    }

    @Test
    void theVerifyCommandChecksAPackageInTheBucketByItsAddress() throws Exception {
        Path data = dir.resolve("operator");
        String pkgDir = data.resolve("evidence-cache").resolve(written.sha256().substring(0, 2)).resolve(written.sha256()).toString();
        assertThat(verifyCommand(data)).containsExactly("0", "intact: " + pkgDir + " (signed by key " + cameraKeys.keyId() + ")");
        byte[] original = object("still-3-after.jpg");
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 0x10;
        raw.putObject(b -> b.bucket(BUCKET).key(key("still-3-after.jpg")), RequestBody.fromBytes(changed));
        try {
            assertThat(verifyCommand(data)).containsExactly("1", "NOT INTACT: still-3-after.jpg: SHA-256 differs from the manifest (file changed)");
        } finally {
            raw.putObject(b -> b.bucket(BUCKET).key(key("still-3-after.jpg")), RequestBody.fromBytes(original));
        }
    }

    @Test
    void aNodeWithABadStoreSettingDoesNotStartAndSaysWhichInOneLine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "vn.matthan.node.Main").redirectErrorStream(true);
        pb.environment().put("IOC_EVIDENCE_STORE", "s3://evidence");
        pb.environment().put("IOC_EVIDENCE_S3_ENDPOINT", "minio:9000");
        pb.environment().put("IOC_DATA_DIR", dir.resolve("bad-node").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.strip()).isEqualTo("Mắt Thần IOC cannot start: IOC_EVIDENCE_S3_ENDPOINT must be an http:// or https:// address, got 'minio:9000'");
    }

    @Test
    void aBadStoreSettingIsOneLineNamingIt() {
        Path data = dir.resolve("z");
        Map<Map<String, String>, String> bad = new java.util.LinkedHashMap<>();
        bad.put(Map.of("IOC_EVIDENCE_STORE", "ftp://x"), "IOC_EVIDENCE_STORE must be file, file:/folder, s3 or s3://bucket/prefix, got 'ftp://x'");
        bad.put(Map.of("IOC_EVIDENCE_STORE", "s3"), "IOC_EVIDENCE_S3_BUCKET is required with IOC_EVIDENCE_STORE=s3");
        bad.put(Map.of("IOC_EVIDENCE_STORE", "s3://Bad_Bucket"),
                "IOC_EVIDENCE_STORE: 'Bad_Bucket' is not an S3 bucket name (3-63 lower-case letters, digits, '.', '-')");
        bad.put(Map.of("IOC_EVIDENCE_STORE", "s3://evidence", "IOC_EVIDENCE_S3_ENDPOINT", "minio:9000"),
                "IOC_EVIDENCE_S3_ENDPOINT must be an http:// or https:// address, got 'minio:9000'");
        bad.put(Map.of("IOC_EVIDENCE_STORE", "s3://evidence", "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b"),
                "AWS_REGION is required for the S3 evidence store on AWS");
        bad.put(Map.of("IOC_EVIDENCE_STORE", "s3://evidence", "IOC_EVIDENCE_S3_ENDPOINT", "http://127.0.0.1:9000"),
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required for the S3 evidence store (its credentials come only from the environment)");
        bad.put(Map.of("IOC_EVIDENCE_STORE", "file:relative/folder"), "IOC_EVIDENCE_STORE: the folder of 'file:relative/folder' must be an absolute path");
        bad.forEach((env, line) -> assertThatThrownBy(() -> EvidenceStoreConfig.fromEnvironment(env, data)).as(env.toString())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(line));
        assertThat(EvidenceStoreConfig.fromEnvironment(Map.of(), data).store().describe()).isEqualTo("file:" + data.resolve("evidence").toAbsolutePath());
        assertThat(EvidenceStoreConfig.fromEnvironment(Map.of("IOC_EVIDENCE_STORE", "file:/srv/evidence"), data).store().describe())
                .isEqualTo("file:/srv/evidence");
    }
}
