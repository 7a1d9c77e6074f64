package vn.matthan.tests;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.IocNode;
import vn.matthan.node.NodeRole;
import vn.matthan.node.NodeSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.matthan.tests.WholeIocEndToEndTest.ASSETS;
import static vn.matthan.tests.WholeIocEndToEndTest.ROOT;
import static vn.matthan.tests.WholeIocEndToEndTest.eventually;

/**
 * Node roles of a city deployment, as separate nodes joined only by a shared Kafka and PostgreSQL: a camera node
 * analyses its share of the registry, a stream + API node counts and serves what it reports, and a camera node that
 * dies goes silent on the wall within 15 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeRolesTest {
    @TempDir
    static Path dir;
    EmbeddedKafka kafka;
    EmbeddedPostgres pg;
    Path registry;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void sharedKafkaAndDatabase() throws Exception {
        kafka = new EmbeddedKafka(dir.resolve("kafka"));
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        Path clip = ASSETS.resolve("videos/udacity_lanelines_solidWhiteRight.mp4");
        Path scene = ROOT.resolve("config/scenes/qng-hung-vuong-01.yaml");
        registry = dir.resolve("cameras.yaml");
        Files.writeString(registry, """
                cameras:
                  - {id: cam-a, name: "Camera A", unit_code: "522", lat: 15.12, lon: 108.80, url: "%1$s", loop: true, scene: "%2$s"}
                  - {id: cam-b, name: "Camera B", unit_code: "522", lat: 15.13, lon: 108.81, url: "%1$s", loop: true, scene: "%2$s"}
                nodes:
                  camera-1: [cam-a]
                  camera-2: [cam-b]
                """.formatted(clip, scene));
    }

    @AfterAll
    void stop() throws Exception {
        if (kafka != null) kafka.close();
        if (pg != null) pg.close();
    }

    NodeSettings node(String name, NodeRole... roles) {
        Map<String, String> env = new HashMap<>(Map.of("IOC_ASSETS", ASSETS.toString(),
                "IOC_DATA_DIR", dir.resolve(name).toString(), "IOC_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "IOC_DB_URL", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "IOC_DB_USER", "postgres",
                "IOC_DB_PASSWORD", "postgres"));
        return NodeSettings.fromEnvironment(env, ROOT).withCameraRegistry(registry).withHttpPort(0)
                .withRoles(EnumSet.of(roles[0], roles)).withNodeId(name);
    }

    @Test
    void aCameraNodesCamerasAreCountedAndShownByAnotherNodeAndGoSilentWhenItDies() throws Exception {
        try (IocNode api = IocNode.start(node("central", NodeRole.STREAM, NodeRole.API))) {
            IocNode camera = IocNode.start(node("camera-1", NodeRole.CAMERA));
            try {
                assertThat(camera.pipelines()).containsOnlyKeys("cam-a");
                eventually(Duration.ofSeconds(60), () -> "STREAMING".equals(status(api, "cam-a").getString("state")));
                JsonObject a = status(api, "cam-a");
                assertThat(a.getDouble("input_fps")).as("counters from the camera node's report").isGreaterThan(0);
                assertThat(status(api, "cam-b").getString("state")).as("camera-2 never started").isNull();

                eventually(Duration.ofSeconds(90), () -> flowRows("cam-a") > 0);
                assertThat(flowRows("cam-b")).isZero();
            } finally {
                camera.close();
            }
            long stopped = System.nanoTime();
            eventually(Duration.ofSeconds(25), () -> "STALLED".equals(status(api, "cam-a").getString("state")));
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("silent on the wall within 15 s of the last report")
                    .isLessThanOrEqualTo(Duration.ofSeconds(16));
            assertThat(status(api, "cam-a").getString("last_error")).startsWith("no health report from its camera node for ");
        }
    }

    @Test
    void aCameraNodeWithoutItsIdOrANodeWithoutSharedPartsSaysWhatIsMissing() {
        assertThatThrownBy(() -> IocNode.start(node("camera-1", NodeRole.CAMERA).withNodeId(null)))
                .hasMessage("IOC_NODE_ID is required: the camera registry assigns cameras to nodes [camera-1, camera-2]");
        assertThatThrownBy(() -> IocNode.start(node("camera-9", NodeRole.CAMERA)))
                .hasMessage("camera node 'camera-9' is not one of the registry's nodes [camera-1, camera-2]");
        assertThatThrownBy(() -> NodeSettings.fromEnvironment(Map.of("IOC_ROLES", "camera"), ROOT))
                .hasMessage("IOC_KAFKA_BOOTSTRAP is required for a node running only camera: the roles meet on a shared Kafka cluster");
        assertThatThrownBy(() -> NodeSettings.fromEnvironment(Map.of("IOC_ROLES", "api", "IOC_KAFKA_BOOTSTRAP", "127.0.0.1:9"), ROOT))
                .hasMessage("IOC_DB_URL is required for a node running api: every stream and API node shares one PostgreSQL/TimescaleDB");
        assertThatThrownBy(() -> NodeSettings.fromEnvironment(Map.of("IOC_ROLES", "camera,detector"), ROOT))
                .hasMessage("unknown node role 'detector' (known: camera,stream,api)");
    }

    @Test
    void aStreamNodeWhoseFlinkClusterCannotBeReachedKeepsTryingWithoutHoldingUpItsApi() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path jar = Files.writeString(dir.resolve("flow-job.jar"), "not submitted");
        NodeSettings settings = node("central-2", NodeRole.STREAM, NodeRole.API)
                .withFlinkRest("http://127.0.0.1:" + closed).withFlinkJobJar(jar);
        try (IocNode api = IocNode.start(settings)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.httpPort() + "/api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("the API serves while the JobManager is away").isEqualTo(200);
            assertThat(api.flowJobOnClusterId()).as("nothing submitted to an endpoint that never answered").isNull();
        }
        assertThatThrownBy(() -> IocNode.start(settings.withFlinkJobJar(dir.resolve("missing.jar"))))
                .hasMessageStartingWith("the stream role needs the flow job's jar for http://127.0.0.1:" + closed);
    }

    private JsonObject status(IocNode api, String camera) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.httpPort() + "/api/cameras"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        for (Object o : new JsonArray(r.body())) {
            JsonObject c = (JsonObject) o;
            if (c.getString("id").equals(camera)) return c.getJsonObject("status");
        }
        throw new AssertionError("camera " + camera + " not listed: " + r.body());
    }

    private long flowRows(String camera) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM flow_minute WHERE camera_id = '" + camera + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
