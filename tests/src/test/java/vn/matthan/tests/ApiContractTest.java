package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
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
import vn.matthan.api.Principal;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.node.LeadersMapData;
import vn.matthan.schema.DatabaseSchema;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's contract in force. Every API route × every role (and no sign-in) → the status the access policy implies: police reviewers and
 * admins work cases (reviewers only in their units), every signed-in role reads the leaders' map, admins and
 * leaders import indicator values, only admins check the audit chain; the wall's live data and the public plate
 * lookup need no sign-in. Requests are valid but for the caller, so the status is the policy's answer. Bad input of
 * every kind gets a 4xx problem+json, changes nothing, and leaves the server answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiContractTest {
    static final String CASE = "11111111-1111-4111-8111-111111111111";
    static final List<String> ROLES = List.of("anonymous", "ADMIN", "POLICE_REVIEWER", "IOC_OPERATOR", "LEADER", "AGENCY");
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newHttpClient();
    vn.matthan.ingest.VideoFrame frame;
    IocApiVerticle api;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            TestUsers.insert(c, new String[][]{{"quantri", "ADMIN", "{}"}, {"canbo", "POLICE_REVIEWER", "{522}"},
                    {"vanhanh", "IOC_OPERATOR", "{522}"}, {"lanhdao", "LEADER", "{51}"}});
            c.createStatement().execute("INSERT INTO app_user (username, display_name, password_hash, role, agency) VALUES ('donvi', 'donvi', '"
                    + vn.matthan.api.Passwords.hash(TestUsers.PASSWORD) + "', 'AGENCY', 'qng-tp-qldt')");
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
        // The camera's latest frame: a real road photo from the shared assets, decoded as the node holds its frames.
        frame = vn.matthan.ingest.StillImage.read("qng-01", WholeIocEndToEndTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        api = new IocApiVerticle(db, 0, vn.matthan.api.CameraStatusSource.NONE, EvidenceStore.NONE, notice).withIndicators(catalog, "51")
                .withFieldReports(vn.matthan.api.reports.FieldReportSettings.load(WholeIocEndToEndTest.ROOT.resolve("config"), WholeIocEndToEndTest.ASSETS),
                        vn.matthan.api.reports.ReportPhotos.NONE)
                .withSnapshots(id -> id.equals("qng-01") ? java.util.Optional.of(vn.matthan.ingest.StillImage.jpeg(frame)) : java.util.Optional.empty());
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
        for (String[] u : new String[][]{{"ADMIN", "quantri"}, {"POLICE_REVIEWER", "canbo"}, {"IOC_OPERATOR", "vanhanh"}, {"LEADER", "lanhdao"}, {"AGENCY", "donvi"}}) {
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

    /** method, path, content type, body, then the expected status for anonymous, ADMIN, POLICE_REVIEWER, IOC_OPERATOR, LEADER, AGENCY. */
    static final Object[][] MATRIX = {
            {"GET", "/api/health", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/cameras", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/flow?camera=qng-01", null, null, 200, 200, 200, 200, 200, 200},
            // A frame shows people and plates: operators, reviewers and admins.
            {"GET", "/api/cameras/qng-01/snapshot.jpg", null, null, 401, 200, 200, 200, 403, 403},
            {"GET", "/api/live", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/live/violations", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/public/violations?plate=51F12345", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/cases", null, null, 401, 200, 200, 403, 403, 403},
            {"GET", "/api/cases/" + CASE, null, null, 401, 200, 200, 403, 403, 403},
            // From DETECTED, CLOSED is not a legal move: the desk is told so (409), everyone else may not try.
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\":\"CLOSED\",\"reason\":\"x\"}", 401, 409, 409, 403, 403, 403},
            {"POST", "/api/cases/" + CASE + "/plate", "application/json", "{\"reason\":\"no plate given\"}", 401, 400, 400, 403, 403, 403},
            {"GET", "/api/cases/" + CASE + "/notice.pdf", null, null, 401, 404, 404, 403, 403, 403},
            {"GET", "/api/cases/" + CASE + "/evidence", null, null, 401, 404, 404, 403, 403, 403},
            {"GET", "/api/cases/" + CASE + "/evidence/still-1-before.jpg", null, null, 401, 404, 404, 403, 403, 403},
            // The violation still for the wall (this case has no package: 404 for those allowed to look).
            {"GET", "/api/cases/" + CASE + "/thumbnail.jpg", null, null, 401, 404, 404, 404, 403, 403},
            {"GET", "/api/audit/check", null, null, 401, 200, 403, 403, 403, 403},
            {"GET", "/api/units?parent=51", null, null, 401, 200, 200, 200, 200, 403},
            {"GET", "/api/indicators", null, null, 401, 200, 200, 200, 200, 403},
            {"GET", "/api/map?indicator=intake-digitisation&period=2023-10&parent=51", null, null, 401, 200, 200, 200, 200, 403},
            {"GET", "/api/units/529/scorecard?period=2023-10", null, null, 401, 200, 200, 200, 200, 403},
            {"GET", "/api/units/529/goals?period=2023-10", null, null, 401, 200, 200, 200, 200, 403},
            {"GET", "/api/indicator-values?indicator=intake-digitisation&unit=529&period=2023-10", null, null, 401, 200, 200, 200, 200, 403},
            {"POST", "/api/indicator-values", "text/csv", "unit_code,indicator,period,value\n529,online-payment,2023-10,40\n", 401, 200, 403, 403, 200, 403},
            // The leaders' assistant: leaders and admins (aggregates only, nothing personal).
            {"POST", "/api/ask", "application/json", "{\"question\":\"Tỷ lệ số hóa hồ sơ của huyện Sơn Hà tháng 10/2023?\"}", 401, 200, 403, 403, 200, 403},
            // Notice delivery: reviewers and admins (this case has no notice: 404 for those allowed to look).
            {"GET", "/api/cases/" + CASE + "/delivery", null, null, 401, 404, 404, 403, 403, 403},
            {"POST", "/api/cases/" + CASE + "/delivery", "application/json", "{\"to\":\"SENT\",\"on\":\"2026-11-20\"}", 401, 404, 404, 403, 403, 403},
            {"POST", "/api/notices/delivery", "text/csv", "notice,state,date\nABCDEF12,SENT,2026-11-20\n", 401, 422, 422, 403, 403, 403},
            {"GET", "/api/notices/overdue", null, null, 401, 200, 200, 403, 403, 403},
            // Violation counts (no one's data) are the wall's, like flow.
            {"GET", "/api/violations/by-class", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/violations/deterrence", null, null, 200, 200, 200, 200, 200, 200},
            // The vehicle registry: admins only.
            {"POST", "/api/registrations", "text/csv", "plate,owner_name,owner_address,vehicle_type,colour,brand,valid_from,valid_to\n"
                    + "51F-123.45,Nguyễn Văn An,Quảng Ngãi,ô tô,,,2020-03-01,\n", 401, 200, 403, 403, 403, 403},
            // The public scene of a case that is not decided: nothing to see for anyone.
            {"GET", "/api/public/violations/" + CASE + "/scene.jpg?plate=51F12345", null, null, 404, 404, 404, 404, 404, 404},
            {"GET", "/api/no-such-thing", null, null, 404, 404, 404, 404, 404, 404},
            // Field reports: the forms' catalog and the wall's overdue list are public; the queue is the agencies', operators' and admins'.
            {"GET", "/api/public/report-categories", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/public/overdue-reports", null, null, 200, 200, 200, 200, 200, 200},
            {"GET", "/api/reports", null, null, 401, 200, 403, 200, 403, 200},
            {"GET", "/api/reports/00000000-0000-4000-8000-0000000000f1", null, null, 401, 404, 403, 404, 403, 404},
            {"POST", "/api/reports/00000000-0000-4000-8000-0000000000f1/transitions", "application/json", "{\"to\":\"IN_PROGRESS\"}", 401, 404, 403, 404, 403, 404},
            {"GET", "/api/reports/00000000-0000-4000-8000-0000000000f1/photos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, null, 401, 404, 403, 404, 403, 404},
            // A citizen's own report needs its token: a wrong one finds nothing, a wrong rating is refused.
            {"GET", "/api/public/reports/00000000-0000-4000-8000-0000000000f1?token=tttttttttttttttttttttttttttttttt", null, null, 404, 404, 404, 404, 404, 404},
            {"POST", "/api/public/reports/00000000-0000-4000-8000-0000000000f1/rating", "application/json", "{\"token\":\"tttttttttttttttttttttttttttttttt\",\"rating\":\"SATISFIED\"}", 403, 403, 403, 403, 403, 403},
            // An unknown category is refused (201 for a real one is FieldReportsTest's).
            {"POST", "/api/reports", "application/json", "{\"category\":\"nope\",\"description\":\"ổ gà lớn\",\"place\":\"x\"}", 422, 422, 422, 422, 422, 422},

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
        assertThat(MATRIX.length * ROLES.size()).isEqualTo(252);
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

    @Test
    void theOpenApiDocumentDescribesEveryRouteOfTheMatrix() throws Exception {
        HttpResponse<String> r = send("GET", "/openapi.json", null, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        // Security headers on every answer.
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        JsonObject doc = new JsonObject(r.body());
        assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
        for (Object[] row : MATRIX) {
            String path = ((String) row[1]).replaceFirst("\\?.*", "").replace(CASE, "{id}").replace("00000000-0000-4000-8000-0000000000f1", "{id}").replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "{sha256}").replace("/529/", "/{code}/")
                    .replace("still-1-before.jpg", "{file}").replace("/qng-01/", "/{id}/");
            if (path.equals("/api/no-such-thing")) continue;
            assertThat(doc.getJsonObject("paths").getJsonObject(path)).as(path).isNotNull();
            assertThat(doc.getJsonObject("paths").getJsonObject(path).getJsonObject(((String) row[0]).toLowerCase())).as(row[0] + " " + path).isNotNull();
        }
    }

    @Test
    void theSessionCookieServesReadsOnlyAndSigningOutEndsTheSession() throws Exception {
        HttpResponse<String> login = send("POST", "/api/login", null, "application/json",
                new JsonObject().put("username", "canbo").put("password", TestUsers.PASSWORD).encode());
        String token = new JsonObject(login.body()).getString("token");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("ioc_session=" + token).containsIgnoringCase("HttpOnly").contains("SameSite=Strict", "Path=/api");
        // A read with the cookie alone (as an <img> or <video> makes it) is the reviewer's.
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .header("Cookie", "ioc_session=" + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        // A change with the cookie alone is anonymous: another site cannot make the browser decide a case.
        HttpResponse<String> change = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/" + CASE + "/transitions"))
                .header("Cookie", "ioc_session=" + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"PENDING_REVIEW\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(change.statusCode()).isEqualTo(401);
        // A stale cookie on a public page is dropped, not an error.
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cameras"))
                .header("Cookie", "ioc_session=not-a-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));

        assertThat(send("POST", "/api/logout", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> out = send("POST", "/api/logout", token, null, null);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
        assertThat(send("GET", "/api/cases", token, null, null).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases")).header("Cookie", "ioc_session=" + token).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        JsonObject doc = new JsonObject(send("GET", "/openapi.json", null, null, null).body());
        assertThat(doc.getJsonObject("paths").getJsonObject("/api/logout").getJsonObject("post")).isNotNull();
    }

    @Test
    void aCamerasLatestFrameIsAJpegAndItsViewIsAudited() throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cameras/qng-01/snapshot.jpg"))
                .header("Authorization", "Bearer " + tokens.get("IOC_OPERATOR"));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(frame.width());
        assertThat(img.getHeight()).isEqualTo(frame.height());
        assertThat(status("GET", "/api/cameras/no-such/snapshot.jpg", tokens.get("ADMIN"), null, null)).isEqualTo(404);
        // A wall refreshing the frame: watching is audited once per 5 minutes, not at every refresh.
        assertThat(http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        try (Connection c = pg.getPostgresDatabase().getConnection();
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_log WHERE action = 'camera.snapshot.viewed' AND actor = 'vanhanh'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    /** method, path, content type, body; each answered 4xx problem+json. */
    static final String[][] BAD = {
            {"POST", "/api/login", "application/json", "{\"username\": \"quantri\", \"password\": "},        // malformed JSON
            {"POST", "/api/login", "application/json", "{\"username\": 42, \"password\": true}"},             // wrong types
            {"POST", "/api/login", "application/json", "{\"username\": \"a\", \"password\": \"b\", \"role\": \"ADMIN\"}"}, // unknown field
            {"GET", "/api/cases?limit=abc", null, null},
            {"GET", "/api/cases?limit=100000", null, null},
            {"GET", "/api/cases?status=EVERYTHING", null, null},
            {"GET", "/api/cases?statuss=CONFIRMED", null, null},                                              // unknown parameter
            {"GET", "/api/cases/not-a-uuid", null, null},
            {"GET", "/api/cases/" + CASE + "/evidence/..%2F..%2Fkeys%2Fnode.key", null, null},              // path traversal
            {"GET", "/api/cases/" + CASE + "/evidence/manifest.json%00.jpg", null, null},
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\": \"CONFIRMED'; DROP TABLE violation_case; --\"}"},
            {"POST", "/api/cases/" + CASE + "/plate", "application/json", "{\"plate\": \"51F'); DELETE FROM audit_log; --\", \"reason\": 7}"},
            {"GET", "/api/map?indicator=intake-digitisation&period=2023-10' OR '1'='1", null, null},
            {"GET", "/api/map?indicator=intake-digitisation&period=2023-10&parent=51;DROP", null, null},
            {"GET", "/api/units/529'--/scorecard?period=2023-10", null, null},
            {"GET", "/api/flow?camera=qng-01&from=yesterday", null, null},
    };

    @Test
    void badInputIsRefusedAsAProblemChangesNothingAndTheServerStaysUp() throws Exception {
        String admin = tokens.get("ADMIN");
        String before = snapshot();
        List<String> wrong = new ArrayList<>();
        for (String[] b : BAD) {
            HttpResponse<String> r = send(b[0], b[1].replace(" ", "%20").replace("'", "%27"), b[1].startsWith("/api/login") ? null : admin, b[2], b[3]);
            boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            if (r.statusCode() < 400 || r.statusCode() >= 500 || !problem) wrong.add(b[0] + " " + b[1] + " → " + r.statusCode() + " " + r.body());
        }
        // An oversized body is cut off at the limit, not read into memory.
        HttpResponse<String> big = send("POST", "/api/cases/" + CASE + "/transitions", admin, "application/json",
                "{\"to\": \"PENDING_REVIEW\", \"reason\": \"" + "x".repeat(200_000) + "\"}");
        if (big.statusCode() != 413) wrong.add("oversized body → " + big.statusCode());
        assertThat(wrong).as("bad requests not refused as 4xx problem+json").isEmpty();
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
        assertThat(send("GET", "/api/health", null, null, null).statusCode()).isEqualTo(200);
        assertThat(new JsonObject(send("GET", "/api/audit/check", admin, null, null).body()).getValue("first_broken_seq")).isNull();
    }

    // ---- openapi.json is the one place for roles and request rules ----

    /** Each secured operation names known roles with the bearer scheme; every other one says it is public. */
    @Test
    void everyOperationDeclaresItsRolesOrIsExplicitlyPublic() throws Exception {
        List<String> wrong = new ArrayList<>();
        operations().forEach((key, op) -> {
            JsonArray roles = op.getJsonArray("x-roles");
            JsonArray security = op.getJsonArray("security");
            if (roles == null && (security == null || !security.isEmpty())) wrong.add(key + ": neither x-roles nor security: [] (public)");
            if (roles != null && (roles.isEmpty() || !Principal.ALL_ROLES.containsAll(roles.getList()))) wrong.add(key + ": x-roles " + roles);
            if (roles != null && (security == null || !security.encode().contains("bearer"))) wrong.add(key + ": x-roles without the bearer scheme");
        });
        assertThat(wrong).isEmpty();
    }

    /** Walking the document: a secured operation refuses the anonymous (401) and every role it does not list (403). */
    @Test
    void everyOperationAdmitsExactlyTheRolesItDeclares() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : operations().entrySet()) {
            String method = e.getKey().split(" ")[0], path = e.getKey().split(" ")[1].replace("{id}", CASE).replace("{code}", "529").replace("{sha256}", "a".repeat(64))
                    .replace("{file}", "still-1-before.jpg").replace("{plate}", "43A12345");
            JsonArray roles = e.getValue().getJsonArray("x-roles");
            int anonymous = status(method, path, null, null, null);
            if (roles == null ? anonymous == 401 || anonymous == 403 : anonymous != 401) wrong.add(e.getKey() + " anonymous: " + anonymous);
            for (String role : tokens.keySet()) {
                if (roles == null || roles.contains(role)) continue; // admitted ones are the matrix's business (no sign-out here)
                int actual = status(method, path, tokens.get(role), null, null);
                if (actual != 403) wrong.add(e.getKey() + " as " + role + ": " + actual);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The API serves its operations and nothing else: no route is registered where it could carry roles of its own. */
    @Test
    void everyApiRouteIsAnOperationOfTheContract() throws Exception {
        assertThat(api.apiRoutes()).containsExactlyInAnyOrderElementsOf(operations().keySet());
    }

    /**
     * No class of the API keeps a list of roles (x-roles is the one place), and none but the contract has the shape of
     * a role gate: a method taking a request and a collection.
     */
    @Test
    void noRouteHandlerDeclaresRolesItself() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : apiClasses()) {
            if (c == Principal.class) continue; // where the roles are named
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
                f.setAccessible(true);
                Object v = f.get(null);
                Collection<?> items = v instanceof Collection<?> col ? col : v instanceof Object[] arr ? List.of(arr) : List.of();
                if (items.stream().anyMatch(Principal.ALL_ROLES::contains)) wrong.add(c.getName() + "." + f.getName() + " = " + v);
            }
            if (c.getSimpleName().equals("ApiContract")) continue;
            for (Method m : c.getDeclaredMethods()) {
                if (m.isSynthetic()) continue; // lambdas capture whatever their handler holds
                List<Class<?>> params = List.of(m.getParameterTypes());
                if (params.contains(RoutingContext.class) && params.stream().anyMatch(t -> Collection.class.isAssignableFrom(t)
                        || t == JsonArray.class || t == String[].class)) wrong.add(c.getName() + "." + m.getName() + params);
            }
        }
        assertThat(wrong).as("role lists or role gates outside openapi.json").isEmpty();
    }

    /**
     * The rules the routes used to check by hand, each now in openapi.json: method, path, content type, body, the status
     * and what the refusal names. Admin calls, so only the rule can refuse.
     */
    static final String[][] CONTRACT_RULES = {
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\":\"CONFIRMED\",\"reason\":\"" + "x".repeat(501) + "\"}", "400", "reason: String is too long (501 > 500)"},
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\":\"REJECTED\"}", "400", "required property \"reason\""},
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\":\"REJECTED\",\"reason\":\"   \"}", "400", "reason"},
            {"POST", "/api/cases/" + CASE + "/transitions", "application/json", "{\"to\":\"SOLVED\"}", "400", "to"},
            {"POST", "/api/cases/" + CASE + "/transitions", "text/plain", "to=CONFIRMED", "415", "application/json"},
            {"POST", "/api/cases/" + CASE + "/plate", "application/json", "{\"plate\":\"51F-12\",\"reason\":\"x\"}", "400", "plate"},
            {"POST", "/api/cases/" + CASE + "/plate", "application/json", "{\"plate\":\"51F-123.45-678.90\",\"reason\":\"x\"}", "400", "plate"},
            {"POST", "/api/cases/" + CASE + "/plate", "application/json", "{\"plate\":\"51F-123.45\",\"reason\":\"  \"}", "400", "reason"},
            {"POST", "/api/login", "application/json", "{\"username\":\"" + "u".repeat(101) + "\",\"password\":\"x\"}", "400", "username"},
            {"POST", "/api/login", "application/json", "{\"username\":\"quantri\",\"password\":\"" + "p".repeat(201) + "\"}", "400", "password"},
            {"GET", "/api/cases?limit=0", null, null, "400", "limit"},
            {"GET", "/api/cases?limit=201", null, null, "400", "limit"},
            {"GET", "/api/cases?sort=sideways", null, null, "400", "sort"},
            {"GET", "/api/cases?status=SOLVED", null, null, "400", "status"},
            {"GET", "/api/cases?from=2026-11-22T08:00:00", null, null, "400", "'2026-11-22T08:00:00' is not an ISO-8601 instant"},
            {"GET", "/api/cases?after=not/a/cursor", null, null, "400", "after"},
            {"GET", "/api/cases?statuss=CONFIRMED", null, null, "400", "unknown parameter 'statuss'"},
            {"GET", "/api/cases/not-a-uuid", null, null, "400", "id"},
            {"GET", "/api/cases/" + CASE + "/evidence/node.key", null, null, "400", "file"},
            {"GET", "/api/public/violations?plate=51F", null, null, "400", "'51F' is not a plate number"},
            {"GET", "/api/public/violations", null, null, "400", "the required query parameter 'plate' is missing"},
            {"GET", "/api/flow", null, null, "400", "the required query parameter 'camera' is missing"},
            {"GET", "/api/flow?camera=" + "c".repeat(101), null, null, "400", "camera"},
            {"GET", "/api/flow?camera=qng-01&to=yesterday", null, null, "400", "'yesterday' is not an ISO-8601 instant"},
            {"GET", "/api/flow?camera=qng-01&limit=5", null, null, "400", "unknown parameter 'limit'"},
            {"GET", "/api/live/violations?after=-1", null, null, "400", "after"},
            {"GET", "/api/map?indicator=intake-digitisation&period=10-2023", null, null, "400", "'10-2023' is not 2023, 2023-Q4, 2023-10 or 2023-10-10"},
            {"GET", "/api/map?indicator=Intake_Digitisation&period=2023-10", null, null, "400", "indicator"},
            {"GET", "/api/map?indicator=intake-digitisation&period=2023-10&level=hamlet", null, null, "400", "level"},
            {"GET", "/api/map?period=2023-10", null, null, "400", "the required query parameter 'indicator' is missing"},
            {"GET", "/api/units?parent=51x", null, null, "400", "parent"},
            {"GET", "/api/units/529/scorecard", null, null, "400", "the required query parameter 'period' is missing"},
            {"GET", "/api/units/529/goals?period=10-2023", null, null, "400", "'10-2023' is not 2023, 2023-Q4, 2023-10 or 2023-10-10"},
            {"GET", "/api/indicator-values?indicator=intake-digitisation&period=2023-10", null, null, "400", "the required query parameter 'unit' is missing"},
            {"GET", "/api/indicators?colour=red", null, null, "400", "unknown parameter 'colour'"},
            {"POST", "/api/indicator-values?source=" + "s".repeat(201), "text/csv", "unit_code,indicator,period,value\n", "400", "source"},
            {"POST", "/api/indicator-values", "application/json", "{}", "415", "text/csv"},
    };

    @Test
    void eachRuleIsTheContractsAndRefusesWhatBreaksIt() throws Exception {
        String before = snapshot();
        List<String> wrong = new ArrayList<>();
        for (String[] rule : CONTRACT_RULES) {
            HttpResponse<String> r = send(rule[0], rule[1], rule[1].equals("/api/login") ? null : tokens.get("ADMIN"), rule[2], rule[3]);
            String detail = r.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")
                    ? new JsonObject(r.body()).getString("detail") : r.body();
            String operation = "(" + operationId(rule[0], rule[1]) + ")";
            boolean byContract = rule[4].equals("400") ? detail.startsWith("the request does not match the API contract " + operation)
                    : detail.contains(operation);
            if (r.statusCode() != Integer.parseInt(rule[4]) || !byContract || !detail.contains(rule[5])) {
                wrong.add(rule[0] + " " + rule[1].substring(0, Math.min(rule[1].length(), 80)) + " → " + r.statusCode() + " " + detail);
            }
        }
        assertThat(wrong).as("requests not refused by the contract as it says").isEmpty();
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    /** Every operation of the served document, as "METHOD /path". */
    Map<String, JsonObject> operations() throws Exception {
        JsonObject paths = new JsonObject(send("GET", "/openapi.json", null, null, null).body()).getJsonObject("paths");
        Map<String, JsonObject> out = new java.util.TreeMap<>();
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) out.put(method.toUpperCase() + " " + path, paths.getJsonObject(path).getJsonObject(method));
        }
        return out;
    }

    String operationId(String method, String url) throws Exception {
        String path = url.replaceFirst("\\?.*", "");
        for (Map.Entry<String, JsonObject> e : operations().entrySet()) {
            String[] mp = e.getKey().split(" ");
            if (mp[0].equals(method) && path.matches(mp[1].replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."))) return e.getValue().getString("operationId");
        }
        return "none";
    }

    /** The classes of the API module, initialised, as the running server has them. */
    static List<Class<?>> apiClasses() throws Exception {
        Path where = Path.of(IocApiVerticle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (java.nio.file.FileSystem jar = java.nio.file.Files.isDirectory(where) ? null : java.nio.file.FileSystems.newFileSystem(where)) {
            Path root = jar == null ? where : jar.getPath("/");
            try (var files = java.nio.file.Files.walk(root.resolve("vn/matthan/api"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(f).toString().replace('/', '.').replaceFirst("\\.class$", "");
                    out.add(Class.forName(name, true, IocApiVerticle.class.getClassLoader()));
                }
            }
        }
        assertThat(out).as("classes of the API found at " + where).hasSizeGreaterThan(20);
        return out;
    }

    /** What a successful injection would change: the cases, their statuses and plates, the audit log's length. */
    String snapshot() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             var rs = c.createStatement().executeQuery("SELECT (SELECT string_agg(id || status || coalesce(plate, ''), ',') FROM violation_case) "
                     + "|| '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM app_user)")) {
            rs.next();
            return rs.getString(1);
        }
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
