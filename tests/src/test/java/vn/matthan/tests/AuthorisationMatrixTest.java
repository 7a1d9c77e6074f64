package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.node.LeadersMapData;
import vn.matthan.stream.Schema;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API route × every role (and no sign-in) → the status the access policy implies: police reviewers and
 * admins work cases (reviewers only in their units), every signed-in role reads the leaders' map, admins and
 * leaders import indicator values, only admins check the audit chain; the wall's live data and the public plate
 * lookup need no sign-in. Requests are valid but for the caller, so the status is the policy's answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTest {
    static final String CASE = "11111111-1111-4111-8111-111111111111";
    static final List<String> ROLES = List.of("anonymous", "ADMIN", "POLICE_REVIEWER", "IOC_OPERATOR", "LEADER");
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        Schema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            TestUsers.insert(c, new String[][]{{"quantri", "ADMIN", "{}"}, {"canbo", "POLICE_REVIEWER", "{522}"},
                    {"vanhanh", "IOC_OPERATOR", "{522}"}, {"lanhdao", "LEADER", "{51}"}});
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x')");
            c.createStatement().execute("INSERT INTO violation_case (id, violation_type, camera_id, unit_code, occurred_at, plate_read) "
                    + "VALUES ('" + CASE + "', 'RED_LIGHT', 'qng-01', '522', now() - interval '1 hour', '51F-123.45')");
        }
        PgConnectOptions db = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres");
        vertx = Vertx.vertx();
        IndicatorCatalog catalog = IndicatorCatalog.load(LeadersMapTest.CATALOG);
        List<String> problems = new ArrayList<>();
        LeadersMapData.prepare(vertx, db, catalog, WholeIocEndToEndTest.ASSETS, dir.resolve("none.csv"), problems::add);
        NoticeSettings notice = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        IocApiVerticle api = new IocApiVerticle(db, 0, id -> new JsonObject(), EvidenceStore.NONE, notice).withIndicators(catalog, "51");
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
        for (String[] u : new String[][]{{"ADMIN", "quantri"}, {"POLICE_REVIEWER", "canbo"}, {"IOC_OPERATOR", "vanhanh"}, {"LEADER", "lanhdao"}}) {
            HttpResponse<String> r = send("POST", "/api/login", null, "application/json",
                    new JsonObject().put("username", u[1]).put("password", TestUsers.PASSWORD).encode());
            tokens.put(u[0], new JsonObject(r.body()).getString("token"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    /** method, path, content type, body, then the expected status for anonymous, ADMIN, POLICE_REVIEWER, IOC_OPERATOR, LEADER. */
    static final Object[][] MATRIX = {
            {"GET", "/api/health", null, null, 200, 200, 200, 200, 200},
            {"GET", "/api/cameras", null, null, 200, 200, 200, 200, 200},
            {"GET", "/api/flow?camera=qng-01", null, null, 200, 200, 200, 200, 200},
            {"GET", "/api/live", null, null, 200, 200, 200, 200, 200},
            {"GET", "/api/live/violations", null, null, 200, 200, 200, 200, 200},
            {"GET", "/api/public/violations?plate=51F12345", null, null, 200, 200, 200, 200, 200},
            {"GET", "/api/cases", null, null, 401, 200, 200, 403, 403},
            {"GET", "/api/cases/" + CASE, null, null, 401, 200, 200, 403, 403},
            // From DETECTED, CLOSED is not a legal move: the desk is told so (409), everyone else may not try.
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\":\"CLOSED\",\"reason\":\"x\"}", 401, 409, 409, 403, 403},
            {"POST", "/api/cases/" + CASE + "/plate", "application/json", "{\"reason\":\"no plate given\"}", 401, 400, 400, 403, 403},
            {"GET", "/api/cases/" + CASE + "/notice.pdf", null, null, 401, 404, 404, 403, 403},
            {"GET", "/api/cases/" + CASE + "/evidence", null, null, 401, 404, 404, 403, 403},
            {"GET", "/api/cases/" + CASE + "/evidence/still-1-before.jpg", null, null, 401, 404, 404, 403, 403},
            {"GET", "/api/audit/check", null, null, 401, 200, 403, 403, 403},
            {"GET", "/api/units?parent=51", null, null, 401, 200, 200, 200, 200},
            {"GET", "/api/indicators", null, null, 401, 200, 200, 200, 200},
            {"GET", "/api/map?indicator=intake-digitisation&period=2023-10&parent=51", null, null, 401, 200, 200, 200, 200},
            {"GET", "/api/units/529/scorecard?period=2023-10", null, null, 401, 200, 200, 200, 200},
            {"GET", "/api/indicator-values?indicator=intake-digitisation&unit=529&period=2023-10", null, null, 401, 200, 200, 200, 200},
            {"POST", "/api/indicator-values", "text/csv", "unit_code,indicator,period,value\n529,online-payment,2023-10,40\n", 401, 200, 403, 403, 200},
            {"GET", "/api/no-such-thing", null, null, 404, 404, 404, 404, 404},
    };

    @Test
    void everyRouteAnswersEachRoleAsThePolicySays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Object[] row : MATRIX) {
            for (int r = 0; r < ROLES.size(); r++) {
                String role = ROLES.get(r);
                int expected = (Integer) row[4 + r];
                int actual = status((String) row[0], (String) row[1], tokens.get(role), (String) row[2], (String) row[3]);
                if (actual != expected) wrong.add(row[0] + " " + row[1] + " as " + role + ": " + actual + ", expected " + expected);
            }
        }
        assertThat(wrong).as("routes answering against the policy").isEmpty();
        assertThat(MATRIX.length * ROLES.size()).isEqualTo(105);
    }

    @Test
    void aReviewerOutsideTheCasesUnitDoesNotSeeIt() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            TestUsers.insert(c, new String[][]{{"canbo.khac", "POLICE_REVIEWER", "{999}"}});
        }
        HttpResponse<String> r = send("POST", "/api/login", null, "application/json",
                new JsonObject().put("username", "canbo.khac").put("password", TestUsers.PASSWORD).encode());
        String other = new JsonObject(r.body()).getString("token");
        assertThat(status("GET", "/api/cases/" + CASE, other, null, null)).isIn(403, 404);
        assertThat(send("GET", "/api/cases", other, null, null).body()).doesNotContain(CASE);
    }

    int status(String method, String path, String token, String type, String body) throws Exception {
        if (path.startsWith("/api/live")) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            r.body().close(); // a stream that never ends: the status is all we need
            return r.statusCode();
        }
        return send(method, path, token, type, body).statusCode();
    }

    HttpResponse<String> send(String method, String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (type != null) b.header("Content-Type", type);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
