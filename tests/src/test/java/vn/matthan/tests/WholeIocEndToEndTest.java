package vn.matthan.tests;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import vn.matthan.detection.pipeline.CameraPipeline;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.node.IocNode;
import vn.matthan.node.NodeSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path on real parts: the shared clip decoded by JavaCV, YOLOX-Nano on ONNX Runtime, passages on an
 * embedded Kafka broker, the Flink job on a MiniCluster, rows in an embedded PostgreSQL, the Vert.x API.
 * The registry also holds a dead camera and a broken entry: both are reported and the good camera keeps counting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeIocEndToEndTest {
    static final Path ROOT = Path.of(System.getProperty("matthan.root", "..")).toAbsolutePath().normalize();
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", ROOT + "/../shared/assets"));
    static final String CAMERA = "e2e-cam-01";
    static final String DEAD_CAMERA = "e2e-dead-01";

    @TempDir
    static Path dir;
    IocNode node;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startNode() throws Exception {
        Path registry = dir.resolve("cameras.yaml");
        Files.writeString(registry, """
                cameras:
                  - id: %s
                    name: "Camera kiểm thử 01"
                    unit_code: "522"
                    lat: 15.12
                    lon: 108.80
                    url: %s
                    loop: true
                    analysis_fps: 10
                    scene: %s
                  - id: %s
                    name: "Camera mất kết nối"
                    unit_code: "522"
                    lat: 15.13
                    lon: 108.81
                    url: rtsp://127.0.0.1:9/no-such-stream
                    scene: %s
                  - id: broken-entry
                    name: "Thiếu đơn vị"
                    url: rtsp://127.0.0.1:9/x
                    scene: %s
                  - id: bad-scene
                    name: "Hiệu chỉnh sai"
                    unit_code: "522"
                    lat: 15.14
                    lon: 108.82
                    url: %s
                    loop: true
                    scene: %s
                """.formatted(CAMERA, ASSETS.resolve("videos/udacity_lanelines_solidWhiteRight.mp4"),
                ROOT.resolve("config/scenes/qng-hung-vuong-01.yaml"), DEAD_CAMERA,
                ROOT.resolve("config/scenes/qng-hung-vuong-01.yaml"), ROOT.resolve("config/scenes/qng-hung-vuong-01.yaml"),
                ASSETS.resolve("videos/udacity_lanelines_solidWhiteRight.mp4"), badScene()));
        NodeSettings settings = NodeSettings.fromEnvironment(Map.of("IOC_ASSETS", ASSETS.toString(),
                "IOC_DATA_DIR", dir.resolve("data").toString()), ROOT).withCameraRegistry(registry).withHttpPort(0);
        node = IocNode.start(settings);
    }

    @AfterAll
    void stopNode() {
        if (node != null) node.close();
    }

    @Test
    void carsOnTheSharedClipBecomeFlowCountsServedByTheApi() throws Exception {
        CameraPipeline pipeline = node.pipelines().get(CAMERA);
        eventually(Duration.ofSeconds(90), () -> pipeline.vehiclesSeen() > 0 && pipeline.passages() >= 3);
        assertThat(pipeline.vehiclesSeen()).as("detector saw vehicles").isGreaterThan(0);

        List<VehiclePassage> onKafka = readPassages(3, Duration.ofSeconds(30));
        assertThat(onKafka).as("passages reached Kafka").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> {
                    assertThat(p.cameraId()).isEqualTo(CAMERA);
                    assertThat(p.vehicleClass()).isIn("car", "truck", "bus");
                    assertThat(p.direction()).isEqualTo("forward");
                    assertThat(p.sceneVersion()).startsWith("2026-11-22.1#");
                });

        eventually(Duration.ofSeconds(60), () -> flowRowsInDatabase() > 0);
        assertThat(flowRowsInDatabase()).as("the Flink job wrote flow rows").isGreaterThan(0);

        JsonObject flow = new JsonObject(get("/api/flow?camera=" + CAMERA + "&from="
                + Instant.now().minus(Duration.ofHours(1)) + "&to=" + Instant.now().plus(Duration.ofMinutes(2))).body());
        JsonArray series = flow.getJsonArray("flow");
        assertThat(series).isNotEmpty();
        long total = series.stream().mapToLong(o -> ((JsonObject) o).getLong("passages")).sum();
        assertThat(total).as("GET /api/flow counts").isGreaterThan(0);
    }

    @Test
    void theCameraListShowsEveryRegisteredCameraWithItsHealth() throws Exception {
        eventually(Duration.ofSeconds(30), () -> camera(DEAD_CAMERA).getJsonObject("status").getString("last_error") != null);
        JsonArray cams = new JsonArray(get("/api/cameras").body());
        assertThat(cams.stream().map(o -> ((JsonObject) o).getString("id")).toList())
                .containsExactly("bad-scene", CAMERA, DEAD_CAMERA);
        JsonObject dead = camera(DEAD_CAMERA).getJsonObject("status");
        assertThat(dead.getString("state")).isIn("FAILED", "CONNECTING");
        assertThat(dead.getString("last_error")).isNotBlank();
        assertThat(camera(CAMERA).getJsonObject("status").getString("state")).isEqualTo("STREAMING");
    }

    @Test
    void cameraHealthIsPublishedOnKafkaForEveryRunningCamera() throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "health-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, JsonObject> latest = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.CAMERA_HEALTH));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !(latest.containsKey(DEAD_CAMERA)
                    && latest.containsKey(CAMERA) && latest.get(CAMERA).getDouble("input_fps") > 0)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    JsonObject e = new JsonObject(r.value());
                    assertThat(r.key()).isEqualTo(e.getString("camera_id"));
                    latest.put(r.key(), e);
                }
            }
        }
        assertThat(latest.get(CAMERA).getString("state")).isEqualTo("STREAMING");
        assertThat(latest.get(CAMERA).getDouble("input_fps")).as("25 fps clip").isBetween(15.0, 35.0);
        assertThat(latest.get(DEAD_CAMERA).getString("state")).isEqualTo("FAILED");
        assertThat(latest.get(DEAD_CAMERA).getString("last_error")).isEqualTo("connection refused (FFmpeg error -111)");
    }

    /** A calibration whose count line leaves the 960x540 frame. */
    static Path badScene() throws java.io.IOException {
        Path f = dir.resolve("bad-scene.yaml");
        Files.writeString(f, "version: '1'\nframe: {width: 960, height: 540}\ncount_lines:\n  - {name: l, from: [1000, 10], to: [10, 10]}\n");
        return f;
    }

    @Test
    void aCameraWithAnInvalidCalibrationIsNotAnalysedAndSaysWhy() throws Exception {
        assertThat(node.pipelines()).doesNotContainKey("bad-scene");
        JsonObject status = camera("bad-scene").getJsonObject("status");
        assertThat(status.getString("state")).isEqualTo("FAILED");
        assertThat(status.getString("last_error")).contains("outside the 960x540 frame");
        assertThat(node.problems()).anySatisfy(p -> assertThat(p)
                .contains("camera bad-scene: not started").contains("count_lines[0].from: (1000, 10) is outside the 960x540 frame"));
    }

    @Test
    void aBrokenRegistryEntryIsReportedWithFileFieldAndReason() {
        assertThat(node.problems()).anySatisfy(p -> assertThat(p)
                .contains("cameras.yaml:18: cameras[2].unit_code").contains("required"));
    }

    @Test
    void liveStreamPushesFlowSnapshotsAsServerSentEvents() throws Exception {
        HttpResponse<java.io.InputStream> res = http.send(HttpRequest.newBuilder(uri("/api/live")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String line;
            String data = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    data = line.substring(6);
                    break;
                }
            }
            assertThat(data).isNotNull();
            JsonObject snapshot = new JsonObject(data);
            assertThat(snapshot.getJsonArray("cameras").stream().map(c -> ((JsonObject) c).getString("id"))).contains(CAMERA);
            // Each camera's last hour: where it starts, and 60 counts for each class seen in it.
            for (Object c : snapshot.getJsonArray("cameras")) {
                JsonObject recent = ((JsonObject) c).getJsonObject("recent");
                assertThat(recent.getLong("from") % 60_000).isZero();
                for (String cls : recent.getJsonObject("classes").fieldNames()) {
                    assertThat(recent.getJsonObject("classes").getJsonArray(cls)).hasSize(60);
                }
            }
        }
    }

    @Test
    void theWallPageIsServedInVietnamese() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Mắt Thần IOC", "Giám sát lưu lượng", "/wall.js");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theWallInARealBrowserListsTheCameraAndItsCountsGrow() throws Exception {
        CameraPipeline pipeline = node.pipelines().get(CAMERA);
        eventually(Duration.ofSeconds(90), () -> pipeline.passages() >= 1);
        org.openqa.selenium.chrome.ChromeDriver browser = Browser.start();
        try {
            browser.get("http://127.0.0.1:" + node.httpPort() + "/");
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30));
            By row = By.cssSelector(".tile[data-camera='" + CAMERA + "']");
            wait.until(d -> d.findElement(row).getText().contains("Camera kiểm thử 01"));
            wait.until(d -> d.findElement(By.id("conn")).getText().equals("Trực tiếp"));
            By today = By.cssSelector(".tile[data-camera='" + CAMERA + "'] [data-field=today]");
            wait.until(d -> !d.findElement(today).getText().isBlank());
            long first = Long.parseLong(browser.findElement(today).getText().replaceAll("\\D", ""));
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                    Long.parseLong(d.findElement(today).getText().replaceAll("\\D", "")) > first);
            assertThat(browser.findElement(row).getText()).contains("Đang truyền");
            assertThat(browser.findElement(By.cssSelector(".tile[data-camera='" + DEAD_CAMERA + "']")).getText())
                    .contains("Mất tín hiệu");
            Browser.screenshot(browser, "wall-live-counts");
        } finally {
            browser.quit();
        }
    }

    @Test
    void badFlowRequestsGetProblemDetails() throws Exception {
        HttpResponse<String> noCamera = get("/api/flow");
        assertThat(noCamera.statusCode()).isEqualTo(400);
        assertThat(noCamera.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(noCamera.body()).getString("detail")).contains("camera");

        assertThat(get("/api/flow?camera=" + CAMERA + "&from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/flow?camera=" + CAMERA + "&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").statusCode()).isEqualTo(400);
        assertThat(get("/api/flow?camera=" + CAMERA + "&limit=5").statusCode()).isEqualTo(400);
        assertThat(get("/api/flow?camera=nobody").statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing-here").statusCode()).isEqualTo(404);
    }

    private JsonObject camera(String id) throws Exception {
        for (Object o : new JsonArray(get("/api/cameras").body())) {
            if (((JsonObject) o).getString("id").equals(id)) return (JsonObject) o;
        }
        throw new AssertionError("camera " + id + " not listed");
    }

    private List<VehiclePassage> readPassages(int atLeast, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<VehiclePassage> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.VEHICLE_PASSAGE));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo(CAMERA);
                    out.add(EventJson.readPassage(r.value()));
                }
            }
        }
        return out;
    }

    private long flowRowsInDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(node.jdbcUrl(), node.dbUser(), node.dbPassword());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM flow_minute WHERE camera_id = '" + CAMERA + "' AND passages > 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + path);
    }

    static void eventually(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) return;
            } catch (Exception | AssertionError ignored) {
                // not there yet
            }
            Thread.sleep(500);
        }
        assertThat(condition.call()).as("condition within " + timeout).isTrue();
    }
}
