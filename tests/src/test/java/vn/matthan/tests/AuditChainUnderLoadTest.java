package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.CameraStatusSource;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.schema.AuditChain;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance of "one audit-append implementation": the stream job's case sink and the API's reviewers write the
 * same audit log at the same time — cases opened, merged, queued and replayed, moves (some racing for the same case),
 * plate corrections, notices and audited reads — and afterwards the chain checks out and holds exactly one entry per
 * write that succeeded, no more and no fewer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainUnderLoadTest {
    static final int QUEUED = 24, SINK_WRITERS = 3;
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String[] reviewers;
    String admin;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x', now())");
            TestUsers.insert(c, new String[][]{{"canbo.a", "POLICE_REVIEWER", "{522}"}, {"canbo.b", "POLICE_REVIEWER", "{522}"},
                    {"canbo.c", "POLICE_REVIEWER", "{522}"}, {"quantri", "ADMIN", "{}"}});
            // The review queue the reviewers work through while the stream keeps opening cases.
            List<byte[]> queue = new ArrayList<>();
            for (int i = 0; i < QUEUED; i++) queue.add(violation(queued(i), T0.plusSeconds(3600L * i), "47A-100." + two(i), true));
            sinkWrite(c, queue);
        }
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, CameraStatusSource.NONE, EvidenceStore.NONE,
                NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml")));
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
        reviewers = new String[]{login("canbo.a"), login("canbo.b"), login("canbo.c")};
        admin = login("quantri");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    @Test
    void theChainChecksOutAfterStreamAndApiWritesInterleaveAndHoldsExactlyTheWritesThatSucceeded() throws Exception {
        long before = auditEntries();
        AtomicLong apiAudited = new AtomicLong(), corrected = new AtomicLong(), refused = new AtomicLong(), batches = new AtomicLong();
        AtomicBoolean reviewing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(SINK_WRITERS + 6);
        List<Future<Long>> sinkAudited = new ArrayList<>();
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int w = 0; w < SINK_WRITERS; w++) {
                int writer = w;
                sinkAudited.add(pool.submit(() -> streamOfViolations(writer, reviewing, batches)));
            }
            // Three reviewers decide the queue; each case is decided by two of them at once, so one of each pair loses (409).
            for (int r = 0; r < reviewers.length; r++) {
                int reviewer = r;
                work.add(pool.submit(() -> {
                    for (int i = reviewer; i < QUEUED * 2; i += reviewers.length) review(reviewers[reviewer], i / 2, apiAudited, corrected, refused);
                    return null;
                }));
            }
            // Reads of personal data are audited too: the queue and single cases, over and over.
            for (int r = 0; r < reviewers.length; r++) {
                int reviewer = r;
                work.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 30; i++) {
                        expect(get(reviewers[reviewer], i % 2 == 0 ? "/api/cases?limit=5" : "/api/cases/" + queued(i % QUEUED)), 200);
                        apiAudited.incrementAndGet();
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : work) f.get(5, TimeUnit.MINUTES);
            } finally {
                reviewing.set(false);
            }
        } finally {
            pool.shutdown();
        }
        long streamAudited = 0;
        for (Future<Long> f : sinkAudited) streamAudited += f.get(5, TimeUnit.MINUTES);

        assertThat(turnsBetweenStreamAndApi()).as("stream and API entries interleave in the chain").isGreaterThan(20);
        assertThat(refused.get()).as("one of each pair racing for a case was refused").isEqualTo(QUEUED);
        assertThat(auditEntries() - before).as("one entry per successful write, none lost, none doubled")
                .isEqualTo(streamAudited + apiAudited.get());
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThat(AuditChain.check(c)).isEqualTo(new AuditChain.Check(auditEntries(), -1));
        }
        JsonObject check = new JsonObject(expect(get(admin, "/api/audit/check"), 200).body());
        assertThat(check.getBoolean("intact")).as(check.encode()).isTrue();
        assertThat(check.getLong("entries")).isEqualTo(auditEntries());
        assertThat(actions()).containsEntry("case.status PENDING_REVIEW->CONFIRMED", (long) QUEUED / 2)
                .containsEntry("case.status PENDING_REVIEW->REJECTED", (long) QUEUED / 2)
                .containsEntry("case.status CONFIRMED->NOTICE_ISSUED", (long) QUEUED / 2)
                .containsEntry("case.status REJECTED->CLOSED", (long) QUEUED / 2)
                .containsEntry("case.plate_corrected", corrected.get())
                .containsEntry("case.merged", batches.get());
    }

    /**
     * One sink writer's stream while the reviewers work (and at least 4 batches): per batch a case with evidence
     * (opened, queued), a sure duplicate of it two minutes later (opened, merged), a case without evidence (opened) and
     * a replay of the batch's first event (nothing). Returns how many audit entries it wrote.
     */
    long streamOfViolations(int writer, AtomicBoolean reviewing, AtomicLong batches) throws Exception {
        long audited = 0;
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            for (int b = 0; b < 4 || reviewing.get(); b++) {
                Instant t = T0.plusSeconds(86_400L * (writer + 1) + 1800L * b);
                String plate = "51F-" + writer + two(b) + ".0" + writer;
                byte[] first = violation(streamed(writer, b, 0), t, plate, true);
                sinkWrite(c, List.of(first, violation(streamed(writer, b, 1), t.plusSeconds(120), plate, true),
                        violation(streamed(writer, b, 2), t.plusSeconds(300), null, false), first));
                audited += 2 + 2 + 1;
                batches.incrementAndGet();
                Thread.sleep(25); // the pace of a live stream, so its batches land between the reviewers' requests
            }
        }
        return audited;
    }

    /**
     * A reviewer's work on a queued case that another reviewer works on at the same time: correct the plate (refused
     * once the other has decided the case), decide (exactly one of the two wins), then issue the notice or close.
     */
    void review(String token, int caseNo, AtomicLong audited, AtomicLong corrected, AtomicLong refused) throws Exception {
        String id = queued(caseNo);
        boolean confirm = caseNo % 2 == 0;
        HttpResponse<String> correction = post(token, "/api/cases/" + id + "/plate", new JsonObject()
                .put("plate", "47A-100." + two(caseNo)).put("reason", "đọc lại từ ảnh"));
        if (correction.statusCode() != 409) {
            expect(correction, 200);
            audited.incrementAndGet();
            corrected.incrementAndGet();
        }
        HttpResponse<String> decided = post(token, "/api/cases/" + id + "/transitions", confirm
                ? new JsonObject().put("to", "CONFIRMED") : new JsonObject().put("to", "REJECTED").put("reason", "không rõ biển số"));
        if (decided.statusCode() == 409) {
            refused.incrementAndGet();
            return;
        }
        expect(decided, 200);
        audited.incrementAndGet();
        expect(post(token, "/api/cases/" + id + "/transitions", new JsonObject().put("to", confirm ? "NOTICE_ISSUED" : "CLOSED")), 200);
        audited.incrementAndGet();
    }

    // ---- the sink as the stream job runs it: one transaction per batch ----

    static void sinkWrite(Connection c, List<byte[]> batch) throws Exception {
        c.setAutoCommit(false);
        ViolationCaseSink.write(c, batch);
        c.commit();
    }

    static byte[] violation(String id, Instant t, String plate, boolean evidence) {
        String sha = evidence ? sha256(id) : null;
        return EventJson.toBytes(new ViolationDetected(1, id, "red_light", "red_light:stop", "crossed_on_red", "qng-01", "522", t,
                "stop", "car", 7, "red", 1.5, null, false, List.of(600.0, 250.0, 680.0, 330.0), plate, plate == null ? null : 0.95,
                plate == null ? null : false, sha == null ? null : "evidence:sha256:" + sha, sha, "v1#abc"));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String queued(int i) {
        return new UUID(0x2400L, i).toString();
    }

    static String streamed(int writer, int batch, int k) {
        return new UUID(0x2401L + writer, batch * 10L + k).toString();
    }

    static String two(int i) {
        return String.format("%02d", i);
    }

    // ---- database and HTTP ----

    long auditEntries() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How often, in chain order, an entry of the stream job follows one of the API or the other way round. */
    long turnsBetweenStreamAndApi() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM (SELECT actor = 'system:stream-jobs' AS stream, "
                     + "lag(actor = 'system:stream-jobs') OVER (ORDER BY seq) AS before FROM audit_log) e WHERE stream <> before")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Map<String, Long> actions() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT action, count(*) FROM audit_log GROUP BY action")) {
            while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
        return out;
    }

    static HttpResponse<String> expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(status);
        return r;
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = expect(post(null, "/api/login", new JsonObject().put("username", user).put("password", TestUsers.PASSWORD)), 200);
        return new JsonObject(r.body()).getString("token");
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(request(token, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String token, String path, JsonObject body) throws Exception {
        return http.send(request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }
}
