package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notice delivery after NOTICE_ISSUED over HTTP on a real PostgreSQL: ten notices issued through the API on 1 October
 * 2026 (eight in unit 522, two in 529), moved one at a time and from a CSV of postal results; illegal moves, dates
 * before the current state or in the future and other units' notices are refused; the overdue list applies its two
 * named rules (14 days to deliver, 20 to settle) on a given day; every move is in the audit chain, which still checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoticeDeliveryTest {
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    String reviewer, outsider, operator, admin;

    /** Case ids whose first 8 characters — the notice number printed on the notice — differ: a1b2c300 … a1b2c309. */
    static String id(int i) {
        return new UUID(((0xA1B2C300L + i) << 32) | 0x5678L, 2000 + i).toString();
    }

    static String no(int i) {
        return id(i).substring(0, 8).toUpperCase();
    }

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x', now()),"
                    + "('sha-01', 'Thị trấn Di Lăng', '529', 15.03, 108.68, 'x', now())");
            TestUsers.insert(c, new String[][]{{"canbo.522", "POLICE_REVIEWER", "{522}"}, {"canbo.999", "POLICE_REVIEWER", "{999}"},
                    {"vanhanh", "IOC_OPERATOR", "{522}"}, {"quantri", "ADMIN", "{}"}});
            c.setAutoCommit(false);
            List<byte[]> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(EventJson.toBytes(new ViolationDetected(1, id(i), "red_light", "red_light:stop", "crossed_on_red",
                        i < 8 ? "qng-01" : "sha-01", i < 8 ? "522" : "529", Instant.parse("2026-09-30T01:00:00Z").plusSeconds(3600L * i),
                        "stop", "motorbike", i, "red", 1.5, null, false, List.of(1.0, 2.0, 3.0, 4.0), "76B1-234." + (10 + i), 0.95, false,
                        null, null, "v1#abc")));
            }
            ViolationCaseSink.write(c, events);
            c.commit();
        }
        NoticeSettings notice = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE, null, notice);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
        reviewer = login("canbo.522");
        outsider = login("canbo.999");
        operator = login("vanhanh");
        admin = login("quantri");
        // Every case reviewed and its notice issued through the API, as the desk does; the notices are dated 1 October
        // (09:00 in Vietnam) so that postal dates in October lie after them and before today.
        for (int i = 0; i < 10; i++) {
            for (String to : List.of("PENDING_REVIEW", "CONFIRMED", "NOTICE_ISSUED")) {
                HttpResponse<String> r = post(admin, "/api/cases/" + id(i) + "/transitions", new JsonObject().put("to", to).put("reason", "kiểm tra"));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
        sql("UPDATE case_notice SET issued_at = '2026-10-01T02:00:00Z'");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    @Test
    @Order(1)
    void aNoticeMovesFromIssuedToClosedWithTheDateOfEachStateAndEveryMoveIsAudited() throws Exception {
        JsonObject start = new JsonObject(get(reviewer, "/api/cases/" + id(0) + "/delivery").body());
        assertThat(start.getString("state")).isEqualTo("ISSUED");
        assertThat(start.getString("state_vi")).isEqualTo("Đã ra thông báo");
        assertThat(start.getString("notice_no")).isEqualTo(no(0));
        assertThat(start.getJsonArray("allowed_next")).containsExactly("PRINTED");

        String[][] moves = {{"PRINTED", "2026-10-02"}, {"SENT", "2026-10-03"}, {"DELIVERED", "2026-10-08"}, {"PAID", "2026-10-20"},
                {"CLOSED", "2026-10-21"}};
        for (String[] m : moves) {
            HttpResponse<String> r = deliver(reviewer, 0, m[0], m[1], "bưu điện báo");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(new JsonObject(r.body()).getString("state")).isEqualTo(m[0]);
        }
        JsonObject done = new JsonObject(get(reviewer, "/api/cases/" + id(0) + "/delivery").body());
        assertThat(done.getString("state")).isEqualTo("CLOSED");
        assertThat(done.getJsonObject("dates").getMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("printed", "2026-10-02",
                "sent", "2026-10-03", "delivered", "2026-10-08", "paid", "2026-10-20", "closed", "2026-10-21"));
        assertThat(done.getJsonArray("allowed_next")).isEmpty();
        assertThat(done.getValue("overdue")).isNull();
        assertThat(column("SELECT action || ' | ' || actor || ' | ' || reason FROM audit_log WHERE target = 'case:" + id(0)
                + "' AND action LIKE 'notice.delivery%' ORDER BY seq")).containsExactly(
                "notice.delivery ISSUED->PRINTED | canbo.522 | on 2026-10-02: bưu điện báo",
                "notice.delivery PRINTED->SENT | canbo.522 | on 2026-10-03: bưu điện báo",
                "notice.delivery SENT->DELIVERED | canbo.522 | on 2026-10-08: bưu điện báo",
                "notice.delivery DELIVERED->PAID | canbo.522 | on 2026-10-20: bưu điện báo",
                "notice.delivery PAID->CLOSED | canbo.522 | on 2026-10-21: bưu điện báo");

        // Refusals: an illegal move names the allowed next state; a date before the state it leaves, or in the future,
        // is refused; another unit's reviewer does not see the notice; an operator may not move notices at all.
        HttpResponse<String> skip = deliver(reviewer, 1, "DELIVERED", "2026-10-05", null);
        assertThat(skip.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(skip.body()).getString("detail")).isEqualTo("a ISSUED notice cannot become DELIVERED; allowed next: [PRINTED]");
        HttpResponse<String> early = deliver(reviewer, 1, "PRINTED", "2026-09-30", null);
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(early.body()).getString("detail")).isEqualTo("on: date 2026-09-30 is before the notice became ISSUED on 2026-10-01");
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
        HttpResponse<String> future = deliver(reviewer, 1, "PRINTED", tomorrow, null);
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(future.body()).getString("detail")).isEqualTo("on: date " + tomorrow + " is in the future");
        assertThat(deliver(reviewer, 1, "PRINTED", "2026-02-30", null).statusCode()).isEqualTo(400);
        assertThat(deliver(reviewer, 1, "ISSUED", "2026-10-02", null).statusCode()).as("ISSUED is where notices start").isEqualTo(400);
        assertThat(deliver(outsider, 1, "PRINTED", "2026-10-02", null).statusCode()).isEqualTo(404);
        assertThat(get(outsider, "/api/cases/" + id(1) + "/delivery").statusCode()).isEqualTo(404);
        assertThat(deliver(operator, 1, "PRINTED", "2026-10-02", null).statusCode()).isEqualTo(403);
        assertThat(column("SELECT delivery_state FROM case_notice WHERE case_id = '" + id(1) + "'")).containsExactly("ISSUED");
    }

    @Test
    @Order(2)
    void aCsvOfPostalResultsAppliesItsGoodRowsInOrderAndListsEveryBadRowByLineWithItsReason() throws Exception {
        String csv = String.join("\n",
                "notice,state,date,note",
                id(2) + ",PRINTED,2026-10-02",
                no(2) + ",SENT,03/10/2026,\"Bưu cục Quảng Ngãi, lô 12\"",           // notice number, Vietnamese date, quoted comma
                id(3) + ",printed,2026-10-02",
                id(3) + ",SENT,2026-10-05",
                id(3) + ",DELIVERED,2026-10-09,Người nhận: Trần Thị Bình",
                id(4) + ",PRINTED,2026-10-02",
                id(4) + ",SENT,2026-10-04",
                id(4) + ",RETURNED,2026-10-15,Không có người nhận",
                "",
                "not-a-notice,SENT,2026-10-02",
                id(5) + ",POSTED,2026-10-02",
                id(5) + ",PRINTED,2026-13-01",
                id(5) + ",DELIVERED,2026-10-02",
                id(8) + ",PRINTED,2026-10-02",                                       // unit 529
                id(5) + ",PRINTED,2026-09-20",
                id(5) + ",PRINTED",
                "00000000-0000-0000-0000-000000000000,SENT,2026-10-02",
                id(2) + ",SENT,2026-10-04",
                id(6) + ",PRINTED,2026-10-02",
                id(6) + ",SENT,2026-10-03",
                id(6) + ",DELIVERED,2026-10-06",
                id(7) + ",PRINTED,30/02/2026,\"an open quote");
        HttpResponse<String> r = postCsv(reviewer, csv);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject report = new JsonObject(r.body());
        assertThat(report.getInteger("applied")).isEqualTo(11);
        List<String> rejected = report.getJsonArray("rejected").stream()
                .map(o -> ((JsonObject) o).getInteger("line") + ": " + ((JsonObject) o).getString("reason")).toList();
        assertThat(rejected).containsExactly(
                "11: notice: 'not-a-notice' is neither a case id nor an 8-character notice number",
                "12: state: 'POSTED' is not one of PRINTED, SENT, DELIVERED, RETURNED, PAID, CONTESTED, CLOSED",
                "13: date: '2026-13-01' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                "14: state: a ISSUED notice cannot become DELIVERED; allowed next: [PRINTED]",
                "15: notice: " + id(8) + " is not a notice in your jurisdiction",
                "16: date: date 2026-09-20 is before the notice became ISSUED on 2026-10-01",
                "17: expected 3 or 4 columns (notice,state,date,note), got 2",
                "18: notice: 00000000-0000-0000-0000-000000000000 is not a notice in your jurisdiction",
                "19: state: a SENT notice cannot become SENT; allowed next: [DELIVERED, RETURNED]",
                "23: unbalanced quotes");
        assertThat(column("SELECT right(case_id::text, 4) || ' ' || delivery_state || ' ' || coalesce(sent_on::text, '-') || ' '"
                + " || coalesce(delivered_on::text, '-') || ' ' || coalesce(returned_on::text, '-') FROM case_notice ORDER BY case_id"))
                .containsExactly("07d0 CLOSED 2026-10-03 2026-10-08 -", "07d1 ISSUED - - -", "07d2 SENT 2026-10-03 - -",
                        "07d3 DELIVERED 2026-10-05 2026-10-09 -", "07d4 RETURNED 2026-10-04 - 2026-10-15", "07d5 ISSUED - - -",
                        "07d6 DELIVERED 2026-10-03 2026-10-06 -", "07d7 ISSUED - - -", "07d8 ISSUED - - -", "07d9 ISSUED - - -");
        assertThat(column("SELECT reason FROM audit_log WHERE target = 'case:" + id(2) + "' AND action = 'notice.delivery PRINTED->SENT'"))
                .containsExactly("on 2026-10-03: Bưu cục Quảng Ngãi, lô 12");
        assertThat(column("SELECT actor || ' ' || reason FROM audit_log WHERE action = 'notice.delivery.import'"))
                .containsExactly("canbo.522 11 rows applied, 10 rejected");

        // A file of nothing but bad rows changes nothing (422); one without the header is refused whole (400).
        HttpResponse<String> none = postCsv(reviewer, "notice,state,date\n" + id(1) + ",PAID,2026-10-02\n");
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(none.body()).getJsonArray("rejected").getJsonObject(0).getString("reason"))
                .isEqualTo("state: a ISSUED notice cannot become PAID; allowed next: [PRINTED]");
        HttpResponse<String> headless = postCsv(reviewer, id(1) + ",PRINTED,2026-10-02\n");
        assertThat(headless.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(headless.body()).getString("detail")).isEqualTo("line 1: expected the header notice,state,date,note (note optional)");
        assertThat(postCsv(operator, csv).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void theOverdueListAppliesBothNamedRulesOnTheGivenDayAndOnlyToTheCallersUnits() throws Exception {
        // A notice of unit 529 sent on 1 October, moved by the admin.
        assertThat(deliver(admin, 9, "PRINTED", "2026-10-01", null).statusCode()).isEqualTo(200);
        assertThat(deliver(admin, 9, "SENT", "2026-10-01", null).statusCode()).isEqualTo(200);
        // Sent 3 Oct (case 2): due delivered by 17 Oct; delivered 6 Oct (case 6): due settled by 26 Oct; delivered 9 Oct
        // (case 3): by 29 Oct; sent 1 Oct in 529 (case 9): by 15 Oct. Returned, closed and unsent notices are never overdue.
        assertThat(overdue(reviewer, "2026-10-17")).isEmpty();
        assertThat(overdue(reviewer, "2026-10-18")).containsExactly(no(2) + " not_delivered SENT due 2026-10-17 +1 76B123412");
        assertThat(overdue(reviewer, "2026-10-28")).containsExactly(no(2) + " not_delivered SENT due 2026-10-17 +11 76B123412",
                no(6) + " not_settled DELIVERED due 2026-10-26 +2 76B123416");
        assertThat(overdue(admin, "2026-10-28")).containsExactly(no(9) + " not_delivered SENT due 2026-10-15 +13 76B123419",
                no(2) + " not_delivered SENT due 2026-10-17 +11 76B123412", no(6) + " not_settled DELIVERED due 2026-10-26 +2 76B123416");
        assertThat(overdue(admin, "2026-10-28&rule=not_settled")).containsExactly(no(6) + " not_settled DELIVERED due 2026-10-26 +2 76B123416");
        assertThat(overdue(admin, "2026-10-30&unit=522")).containsExactly(no(2) + " not_delivered SENT due 2026-10-17 +13 76B123412",
                no(6) + " not_settled DELIVERED due 2026-10-26 +4 76B123416", no(3) + " not_settled DELIVERED due 2026-10-29 +1 76B123413");
        assertThat(overdue(outsider, "2026-10-30")).isEmpty();

        JsonObject page = new JsonObject(get(reviewer, "/api/notices/overdue?as_of=2026-10-18").body());
        assertThat(page.getJsonObject("rules").getJsonObject("not_delivered").getInteger("days")).isEqualTo(14);
        assertThat(page.getJsonObject("rules").getJsonObject("not_settled").getInteger("days")).isEqualTo(20);
        assertThat(page.getJsonObject("rules").getJsonObject("not_settled").getString("vi"))
                .isEqualTo("Đã phát nhưng chưa nộp phạt hoặc khiếu nại sau 20 ngày");
        // The desk's view of one notice says which rule it broke (judged today, long after October).
        JsonObject two = new JsonObject(get(reviewer, "/api/cases/" + id(2) + "/delivery").body());
        assertThat(two.getJsonObject("overdue").getString("rule")).isEqualTo("not_delivered");
        assertThat(two.getJsonObject("overdue").getString("due_on")).isEqualTo("2026-10-17");

        // Every change is in the chain, and the chain still checks.
        assertThat(column("SELECT count(*) FROM audit_log WHERE action LIKE 'notice.delivery %'")).containsExactly(String.valueOf(5 + 11 + 2));
        JsonObject check = new JsonObject(get(admin, "/api/audit/check").body());
        assertThat(check.getBoolean("intact")).isTrue();
        assertThat(check.getValue("first_broken_seq")).isNull();
    }

    List<String> overdue(String token, String asOf) throws Exception {
        HttpResponse<String> r = get(token, "/api/notices/overdue?as_of=" + asOf);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray items = new JsonObject(r.body()).getJsonArray("items");
        return items.stream().map(o -> (JsonObject) o).map(o -> o.getString("notice_no") + " " + o.getString("rule") + " " + o.getString("state")
                + " due " + o.getString("due_on") + " +" + o.getLong("days_overdue") + " " + o.getString("plate")).toList();
    }

    HttpResponse<String> deliver(String token, int i, String to, String on, String note) throws Exception {
        JsonObject body = new JsonObject().put("to", to).put("on", on);
        if (note != null) body.put("note", note);
        return post(token, "/api/cases/" + id(i) + "/delivery", body);
    }

    void sql(String statement) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(statement);
        }
    }

    List<String> column(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = post(null, "/api/login", new JsonObject().put("username", user).put("password", TestUsers.PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
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

    HttpResponse<String> postCsv(String token, String csv) throws Exception {
        return http.send(request(token, "/api/notices/delivery").header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
