package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live violation stream: a case opened by the stream job's sink reaches a connected screen within a second, and
 * a screen that reconnects with Last-Event-ID gets exactly the violations it missed, in order, and nothing personal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveViolationFeedTest {
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x')");
        }
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    /** An open event stream collecting "id|data" of each event. */
    final class Screen implements AutoCloseable {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Thread reader;
        volatile boolean open;
        final HttpResponse<java.io.InputStream> response;

        Screen(String lastEventId) throws Exception {
            this(port, lastEventId);
        }

        Screen(int apiPort, String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/live/violations"));
            if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
            response = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line, id = null;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("retry:")) open = true;
                        if (line.startsWith("id: ")) id = line.substring(4);
                        if (line.startsWith("data: ")) events.add(id + "|" + line.substring(6));
                    }
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            reader.setDaemon(true);
            reader.start();
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> open);
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }

    @Test
    void aNewCaseReachesTheWallWithinASecondAndAReconnectMissesNothing() throws Exception {
        String lastId;
        try (Screen wall = new Screen(null)) {
            String first = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            open(first);
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> !wall.events.isEmpty());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("from the case written to the screen, ms").isLessThan(1000);
            String event = wall.events.get(0);
            assertThat(event).contains("\"case_id\":\"" + first + "\"").contains("\"type\":\"red_light\"")
                    .contains("Ngã tư Hùng Vương").doesNotContain("51F");  // no plate on the wall
            lastId = event.substring(0, event.indexOf('|'));
        }
        // While the screen is away, two more violations happen.
        String second = UUID.randomUUID().toString(), third = UUID.randomUUID().toString();
        open(second);
        open(third);
        try (Screen back = new Screen(lastId)) {
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> back.events.size() >= 2);
            Thread.sleep(600); // and nothing else comes
            assertThat(back.events).hasSize(2);
            assertThat(back.events.get(0)).contains(second);
            assertThat(back.events.get(1)).contains(third);
            assertThat(Long.parseLong(back.events.get(1).split("\\|")[0])).isGreaterThan(Long.parseLong(back.events.get(0).split("\\|")[0]));
        }
    }

    @Test
    void inChromiumANewViolationAppearsOnTheWallWithinTwoSeconds() throws Exception {
        org.openqa.selenium.chrome.ChromeDriver browser = Browser.start();
        try {
            browser.get("http://127.0.0.1:" + port + "/");
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d -> d.findElement(org.openqa.selenium.By.id("conn")).getText().equals("Trực tiếp"));
            Thread.sleep(500); // the violation stream is open too
            String id = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            open(id);
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(2)).until(d ->
                    !d.findElements(org.openqa.selenium.By.cssSelector("#violations li[data-case-id='" + id + "']")).isEmpty());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isLessThan(2000);
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("#violations li[data-case-id='" + id + "']")).getText())
                    .contains("Vượt đèn đỏ").contains("Ngã tư Hùng Vương");
            Browser.screenshot(browser, "wall-new-violation");
        } finally {
            browser.quit();
        }
    }

    @Test
    void whenTheApiNodeAScreenWatchesGoesAwayTheOtherNodeResumesTheStreamWithoutGapOrRepeat() throws Exception {
        // Two API nodes on the one database, as behind a city's load balancer; neither keeps the stream's state.
        Vertx nodeA = Vertx.vertx();
        IocApiVerticle a = new IocApiVerticle(new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE);
        nodeA.deployVerticle(a).await(30, TimeUnit.SECONDS);
        String one = UUID.randomUUID().toString(), two = UUID.randomUUID().toString(), three = UUID.randomUUID().toString(),
                four = UUID.randomUUID().toString();
        String lastId;
        Screen onA = new Screen(a.actualPort(), null);
        try {
            open(one);
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> onA.events.size() == 1);
            lastId = onA.events.get(0).substring(0, onA.events.get(0).indexOf('|'));
        } finally {
            nodeA.close().await(10, TimeUnit.SECONDS); // node A goes away with the screen still connected
        }
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> !onA.reader.isAlive());
        open(two);
        open(three);
        // The screen reconnects, as EventSource does, and the load balancer sends it to the other node.
        try (Screen onB = new Screen(port, lastId)) {
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> onB.events.size() >= 2);
            open(four);
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(5), () -> onB.events.size() >= 3);
            Thread.sleep(600); // and nothing else comes
            List<String> seen = new java.util.ArrayList<>(onA.events);
            seen.addAll(onB.events);
            assertThat(seen).as("every violation once, in order, across the two nodes").hasSize(4);
            for (int i = 0; i < 4; i++) assertThat(seen.get(i)).contains(List.of(one, two, three, four).get(i));
        }
    }

    @Test
    void aMalformedLastEventIdIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/live/violations"))
                .header("Last-Event-ID", "'; DROP TABLE audit_log; --").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** A violation event through the stream job's own case sink, as the job writes it. */
    void open(String id) throws Exception {
        byte[] event = EventJson.toBytes(new ViolationDetected(1, id, "red_light", "red_light:stop", "crossed_on_red", "qng-01", "522",
                Instant.now(), "stop", "car", 4, "red", 1.2, null, false, List.of(1.0, 2.0, 3.0, 4.0), "51F-123.45", 0.95, false,
                null, null, "v1#abc"));
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.setAutoCommit(false);
            ViolationCaseSink.write(c, List.of(event));
            c.commit();
        }
    }
}
