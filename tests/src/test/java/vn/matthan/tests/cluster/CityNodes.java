package vn.matthan.tests.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.matthan.events.EventJson;
import vn.matthan.events.SignalPhaseChange;
import vn.matthan.events.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The IOC's own nodes of a city deployment as separate processes ({@code vn.matthan.node.Main --role …}, each a JVM
 * of its own with its {@code IOC_*} environment, its output in a log file): camera nodes each analysing their share
 * of the registry ({@code IOC_NODE_ID}), API nodes serving the wall, all joined only by the Kafka cluster and
 * PostgreSQL. A signal controller (this class, on {@code signal.phase}) holds the cameras' stop lines at red, so every
 * vehicle the real detector follows over a stop line is a red-light violation.
 */
final class CityNodes implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("matthan.root", "..")).toAbsolutePath().normalize();
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", ROOT + "/../shared/assets"));
    static final String CONTROLLER = "cluster-junction";
    static final String ADMIN_PASSWORD = "cluster-test-admin";
    /** What ./ioc passes a node's JVM. */
    private static final List<String> NODE_JVM = List.of("-Dai.djl.offline=true", "-Dmatthan.root=" + ROOT,
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    final Path dir;
    final Map<String, List<String>> camerasOf = new LinkedHashMap<>();
    final Map<String, Integer> apiPorts = new LinkedHashMap<>();
    private final String kafka;
    private final String jdbcUrl;
    private final String classpath;
    private final Path registry;
    private final Path log4j;
    private final Map<String, ChildJvm> running = new LinkedHashMap<>();
    private final KafkaProducer<String, byte[]> controller;
    private final ScheduledExecutorService signal = Executors.newSingleThreadScheduledExecutor();
    private final Instant redSince = Instant.now().minusSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param cameraNodes node id → its cameras, each camera id → the video it replays and its scene calibration
     */
    CityNodes(Path dir, String kafka, String jdbcUrl, Map<String, Map<String, Path[]>> cameraNodes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
        this.classpath = ChildJvm.classpath(e -> false);
        this.log4j = ChildLogging.write(dir.resolve("log4j2.properties"), "WARN", new LinkedHashMap<>(Map.of(
                "vn.matthan", "INFO", "org.apache.kafka.clients.NetworkClient", "ERROR")));
        StringBuilder yaml = new StringBuilder("cameras:\n");
        StringBuilder nodes = new StringBuilder("nodes:\n");
        int i = 0;
        for (var node : cameraNodes.entrySet()) {
            camerasOf.put(node.getKey(), List.copyOf(node.getValue().keySet()));
            nodes.append("  ").append(node.getKey()).append(": [").append(String.join(", ", node.getValue().keySet())).append("]\n");
            for (var cam : node.getValue().entrySet()) {
                i++;
                yaml.append(String.format(java.util.Locale.ROOT, "  - {id: %s, name: \"Nút giao %d (%s)\", unit_code: \"522\", lat: %.4f, lon: %.4f, "
                                + "url: \"%s\", loop: true, analysis_fps: 5, scene: \"%s\"}%n", cam.getKey(), i, cam.getKey(),
                        15.10 + i / 100.0, 108.80 + i / 100.0, cam.getValue()[0], cam.getValue()[1]));
            }
        }
        registry = Files.writeString(dir.resolve("cameras.yaml"), yaml + nodes.toString(), StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        controller = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The junctions' controller says "red" every 2 s (with the time red began): a camera node reads signal.phase from
     * its end, so one that starts or restarts later learns the phase within 2 s.
     */
    void holdRed() {
        signal.scheduleAtFixedRate(() -> controller.send(new ProducerRecord<>(Topics.SIGNAL_PHASE, CONTROLLER,
                EventJson.toBytes(new SignalPhaseChange(1, CONTROLLER, "red", redSince)))), 0, 2, TimeUnit.SECONDS);
    }

    private Map<String, String> env(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("IOC_ASSETS", ASSETS.toString());
        env.put("IOC_CAMERAS", registry.toString());
        env.put("IOC_KAFKA_BOOTSTRAP", kafka);
        env.put("IOC_DATA_DIR", dir.resolve("data-" + name).toString());
        // One evidence store every node reaches (a shared folder here; a bucket in a city).
        env.put("IOC_EVIDENCE_STORE", "file:" + dir.resolve("evidence"));
        return env;
    }

    void startApiNode(String name) throws IOException {
        int port = apiPorts.computeIfAbsent(name, n -> FreePorts.next());
        Map<String, String> env = env(name);
        env.put("IOC_DB_URL", jdbcUrl);
        env.put("IOC_DB_USER", "postgres");
        env.put("IOC_DB_PASSWORD", "postgres");
        env.put("IOC_HTTP_PORT", Integer.toString(port));
        env.put("IOC_ADMIN_PASSWORD", ADMIN_PASSWORD);
        List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        jvm.addAll(NODE_JVM);
        jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        running.put(name, ChildJvm.start(name, dir.resolve(name + ".log"), classpath, jvm, "vn.matthan.node.Main",
                List.of("--role", "api"), env));
    }

    void startCameraNode(String name) throws IOException {
        Map<String, String> env = env(name);
        env.put("IOC_NODE_ID", name);
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g"));
        jvm.addAll(NODE_JVM);
        jvm.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        running.put(name, ChildJvm.start(name, dir.resolve(name + ".log"), classpath, jvm, "vn.matthan.node.Main",
                List.of("--role", "camera"), env));
    }

    /** kill -9: no shutdown hook, no flush, no goodbye. */
    void kill(String name) throws InterruptedException {
        running.remove(name).kill();
    }

    /** A polite stop (SIGTERM: the node's shutdown hook closes its cameras and flushes its producer). */
    void stop(String name) throws InterruptedException {
        running.remove(name).close();
    }

    boolean alive(String name) {
        ChildJvm c = running.get(name);
        return c != null && c.alive();
    }

    String apiUrl(String name, String path) {
        return "http://127.0.0.1:" + apiPorts.get(name) + path;
    }

    /** The API node answers its health check. */
    boolean healthy(String name) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(apiUrl(name, "/api/health"))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Each camera's status object as an API answers {@code GET /api/cameras} at {@code url}. */
    Map<String, JsonObject> cameraStatus(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + ": HTTP " + r.statusCode() + " " + r.body());
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (Object o : new JsonArray(r.body())) {
            JsonObject c = (JsonObject) o;
            out.put(c.getString("id"), c.getJsonObject("status"));
        }
        return out;
    }

    /** The last lines of every node's log, for a failure message. */
    String logs(int lines) {
        StringBuilder s = new StringBuilder();
        running.values().forEach(c -> s.append(c.tail(lines)).append('\n'));
        return s.toString();
    }

    @Override
    public void close() throws Exception {
        signal.shutdownNow();
        controller.close(Duration.ofSeconds(5));
        for (ChildJvm c : new ArrayList<>(running.values())) c.close();
        running.clear();
    }
}
