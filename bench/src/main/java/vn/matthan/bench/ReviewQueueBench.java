package vn.matthan.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.Passwords;
import vn.matthan.schema.DatabaseSchema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * review-queue-p99-ms: a police reviewer pages through the review queue of a database holding 5,000 cases (all in
 * the reviewer's unit): p99 of GET /api/cases (50 per page, keyset cursor, bearer auth, audit entry per page) over
 * HTTP, against the p99 of the API's own page query (the case, its camera, the vehicle registered on the day) run bare
 * over JDBC in the same run.
 */
final class ReviewQueueBench {
    /** The page query the API runs (CaseRoutes: the case, its camera, the vehicle registered on the day), bare. */
    private static final String PAGE_SQL = """
            SELECT v.id, v.violation_type, v.detail, v.place, v.camera_id, c.name AS camera_name, v.unit_code, v.occurred_at,
                   v.vehicle_class, v.signal_phase, v.time_into_red_s, v.speed_kmh, v.indicative, v.plate_read, v.plate_confidence,
                   v.plate_needs_check, v.plate_corrected, v.plate, v.evidence_sha256, v.scene_version, v.status, v.reject_reason,
                   v.merged_into, g.vehicle_class AS registered_class, g.brand AS registered_brand, g.colour AS registered_colour
              FROM (SELECT * FROM violation_case v
                     WHERE v.merged_into IS NULL AND v.status = 'PENDING_REVIEW' AND v.unit_code = ANY(?) AND (v.occurred_at, v.id) < (now(), ?::uuid)
                     ORDER BY v.occurred_at DESC, v.id DESC LIMIT 51) v
              LEFT JOIN camera c ON c.id = v.camera_id
              LEFT JOIN LATERAL (SELECT vehicle_class, brand, colour FROM vehicle_registration r
                                  WHERE r.plate = v.plate AND r.superseded_at IS NULL
                                    AND r.valid_from <= (v.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                                    AND (r.valid_to IS NULL OR r.valid_to >= (v.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                                  ORDER BY r.valid_from DESC LIMIT 1) g ON true
             ORDER BY v.occurred_at DESC, v.id DESC""";

    static BenchResult run(int cases, int requests) throws Exception {
        Path dir = Files.createTempDirectory("bench-queue");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(url, "postgres", "postgres");
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) "
                        + "VALUES ('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.8, 'x', now())");
                c.createStatement().execute("""
                        INSERT INTO violation_case (id, violation_type, camera_id, unit_code, occurred_at, vehicle_class, plate_read,
                                                    evidence_sha256, status)
                        SELECT gen_random_uuid(), (ARRAY['red_light','lane','wrong_way','speeding'])[1 + i % 4], 'qng-01',
                               CASE WHEN i % 10 = 0 THEN '523' ELSE '522' END, now() - i * interval '7 minutes', 'car',
                               '51F-' || lpad((i % 1000)::text, 3, '0') || '.' || lpad((i % 97)::text, 2, '0'), md5(i::text),
                               CASE WHEN i % 5 = 0 THEN 'CONFIRMED' ELSE 'PENDING_REVIEW' END
                          FROM generate_series(1, """ + cases + ") i");
                PreparedStatement st = c.prepareStatement("INSERT INTO app_user (username, display_name, password_hash, role, unit_codes) "
                        + "VALUES ('canbo', 'Cán bộ', ?, 'POLICE_REVIEWER', '{522}')");
                st.setString(1, Passwords.hash("bench"));
                st.executeUpdate();
                c.createStatement().execute("ANALYZE");
            }
            double sqlP99 = sqlP99(pg, requests);
            Vertx vertx = Vertx.vertx();
            try {
                IocApiVerticle api = new IocApiVerticle(new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                        .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE, EvidenceStore.NONE, null);
                vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
                String base = "http://127.0.0.1:" + api.actualPort();
                HttpClient http = HttpClient.newHttpClient();
                String token = ApiSession.login(base, "canbo", "bench");
                double[] ms = new double[requests];
                String next = null;
                for (int i = -200; i < requests; i++) { // 200 warm-up requests
                    String path = "/api/cases?limit=50" + (next == null ? "" : "&after=" + next);
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) throw new IllegalStateException("queue page: " + r.statusCode() + " " + r.body());
                    if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
                    next = new JsonObject(r.body()).getString("next"); // page on; start over at the end
                }
                double p99 = percentile(ms, 0.99);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("cases", cases);
                d.put("requests", requests);
                d.put("page_size", 50);
                d.put("p50_ms", BenchResult.round(percentile(ms, 0.5)));
                d.put("bare_sql_p99_ms", BenchResult.round(sqlP99));
                d.put("goal", "p99 < 100 ms");
                return new BenchResult("review-queue-p99-ms", p99, "ms", p99 / sqlP99,
                        "p99 of the same page query over bare JDBC, same run", d);
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    private static double sqlP99(EmbeddedPostgres pg, int requests) throws Exception {
        double[] ms = new double[requests];
        try (Connection c = pg.getPostgresDatabase().getConnection(); PreparedStatement st = c.prepareStatement(PAGE_SQL)) {
            st.setArray(1, c.createArrayOf("text", new String[]{"522"}));
            st.setString(2, "ffffffff-ffff-ffff-ffff-ffffffffffff");
            for (int i = -200; i < requests; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) rs.getString(1);
                }
                if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return percentile(ms, 0.99);
    }

    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
    }
}
