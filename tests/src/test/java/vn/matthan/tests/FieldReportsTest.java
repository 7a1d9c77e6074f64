package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.Passwords;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.api.reports.FieldReportSettings;
import vn.matthan.detection.evidence.FilePackageStore;
import vn.matthan.node.LeadersMapData;
import vn.matthan.node.PackagePhotos;
import vn.matthan.schema.DatabaseSchema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Citizens' field reports end to end on a real PostgreSQL and a real headless Chromium: a citizen files a report with a
 * photo from a phone-sized form, the agency the routing table names takes it from its queue and resolves it, the
 * citizen rates it with the token given at intake; an overdue report is an alert on the wall; the three indicators are
 * on the leaders' map.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldReportsTest {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path PHOTO = WholeIocEndToEndTest.ASSETS.resolve("images/udacity_highway_test1.jpg");
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            TestUsers.insert(c, new String[][]{{"lanhdao", "LEADER", "{51}"}, {"vanhanh", "IOC_OPERATOR", "{522}"}});
            try (PreparedStatement st = c.prepareStatement("INSERT INTO app_user (username, display_name, password_hash, role, agency) "
                    + "VALUES (?, ?, ?, 'AGENCY', ?)")) {
                st.setString(1, "qldt.qng");
                st.setString(2, "Phòng QLĐT TP Quảng Ngãi");
                st.setString(3, Passwords.hash(TestUsers.PASSWORD));
                st.setString(4, "qng-tp-qldt");
                st.executeUpdate();
            }
        }
        PgConnectOptions db = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres");
        vertx = Vertx.vertx();
        IndicatorCatalog catalog = IndicatorCatalog.load(LeadersMapTest.CATALOG);
        List<String> problems = new ArrayList<>();
        LeadersMapData.prepare(vertx, db, catalog, WholeIocEndToEndTest.ASSETS, dir.resolve("none.csv"), problems::add);
        FieldReportSettings settings = FieldReportSettings.load(WholeIocEndToEndTest.ROOT.resolve("config"), WholeIocEndToEndTest.ASSETS);
        IocApiVerticle api = new IocApiVerticle(db, 0, vn.matthan.api.CameraStatusSource.NONE).withIndicators(catalog, "51")
                .withFieldReports(settings, new PackagePhotos(new FilePackageStore(dir.resolve("evidence")), dir.resolve("evidence")));
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void aCitizensReportIsRoutedResolvedByItsAgencyAndRatedInChromium() throws Exception {
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.manage().window().setSize(new org.openqa.selenium.Dimension(412, 915)); // a phone
            b.get(url("/phan-anh.html"));
            wait.until(d -> d.findElements(By.cssSelector("#category option")).size() > 1);
            assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Phản ánh hiện trường");
            new Select(b.findElement(By.id("category"))).selectByVisibleText("Hư hỏng đường, cầu, vỉa hè");
            b.findElement(By.id("description")).sendKeys("Ổ gà lớn giữa đường, xe máy dễ ngã khi trời mưa.");
            b.findElement(By.id("place")).sendKeys("Trước số 120 Hùng Vương");
            b.findElement(By.id("latitude")).sendKeys("15.1205");
            b.findElement(By.id("longitude")).sendKeys("108.7923");
            b.findElement(By.id("photos")).sendKeys(PHOTO.toRealPath().toString());
            b.findElement(By.id("send")).click();
            wait.until(d -> d.findElement(By.id("receipt")).isDisplayed());
            // Thành phố Quảng Ngãi, road damage → the city's urban management office (district entry of the routing table).
            assertThat(b.findElement(By.id("receipt-agency")).getText()).isEqualTo("Phòng Quản lý đô thị TP Quảng Ngãi");
            assertThat(b.findElement(By.id("receipt-due")).getText()).startsWith("hết ngày "); // the last working day, not a midnight
            String id = b.findElement(By.id("receipt-id")).getText();
            String track = b.findElement(By.id("track-link")).getDomAttribute("href");
            assertThat(track).startsWith("/phan-anh.html?ma=" + id + "&token=");
            Browser.screenshot(b, "field-report-received-phone");

            // The photo is in the evidence store under its SHA-256, recorded with the report.
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(PHOTO)));
            assertThat(single("SELECT sha256 FROM field_report_photo WHERE report_id = '" + id + "'")).isEqualTo(sha);
            assertThat(dir.resolve("evidence/" + sha.substring(0, 2) + "/" + sha + "/photo.jpg")).hasSameBinaryContentAs(PHOTO);
            assertThat(single("SELECT unit_code || ' ' || agency || ' ' || status FROM field_report WHERE id = '" + id + "'"))
                    .isEqualTo("522 qng-tp-qldt ASSIGNED");

            // The agency's queue.
            b.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 900));
            b.get(url("/xu-ly.html"));
            WebElement form = b.findElement(By.id("signin"));
            form.findElement(By.name("username")).sendKeys("qldt.qng");
            form.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("#rows tr[data-id='" + id + "']")).size() == 1);
            b.findElement(By.cssSelector("#rows tr[data-id='" + id + "']")).click();
            wait.until(d -> d.findElement(By.id("detail")).isDisplayed() && d.findElements(By.cssSelector("#detail-photos img")).size() == 1);
            assertThat(b.findElement(By.id("detail-description")).getText()).isEqualTo("Ổ gà lớn giữa đường, xe máy dễ ngã khi trời mưa.");
            // The photo itself is shown (fetched with the agency's token, checked against its hash by the server).
            wait.until(d -> Boolean.TRUE.equals(b.executeScript(
                    "const i = document.querySelector('#detail-photos img'); return i.complete && i.naturalWidth === 1280")));
            new Select(b.findElement(By.id("move-to"))).selectByValue("IN_PROGRESS");
            b.findElement(By.id("move-send")).click();
            wait.withMessage(() -> "move: " + b.findElement(By.id("move-message")).getText() + " / " + b.findElement(By.id("detail-title")).getText())
                    .until(d -> d.findElement(By.id("detail-title")).getText().endsWith("Đang xử lý"));
            new Select(b.findElement(By.id("move-to"))).selectByValue("RESOLVED");
            b.findElement(By.id("move-reason")).sendKeys("Đã vá ổ gà bằng bê tông nhựa ngày hôm nay.");
            b.findElement(By.id("move-send")).click();
            wait.until(d -> d.findElement(By.id("detail-title")).getText().endsWith("Đã xử lý xong"));
            Browser.screenshot(b, "field-report-agency-queue");
            b.findElement(By.id("signout")).click();

            // The citizen follows the link and rates the result.
            b.get(url(track));
            wait.until(d -> "RESOLVED".equals(d.findElement(By.id("track-status")).getDomAttribute("data-status")));
            assertThat(b.findElement(By.id("track-resolution")).getText()).isEqualTo("Đã vá ổ gà bằng bê tông nhựa ngày hôm nay.");
            b.findElement(By.cssSelector("#rating input[value=SATISFIED]")).click();
            b.findElement(By.id("rate")).click();
            wait.until(d -> d.findElements(By.id("track-rating")).size() == 1);
            assertThat(b.findElement(By.id("track-rating")).getText()).isEqualTo("Hài lòng");
            assertThat(b.findElement(By.id("rating")).isDisplayed()).isFalse();
        } finally {
            b.quit();
        }
        // Every step is in the hash-chained audit log, by whom.
        List<String> trail = rows("SELECT actor || ' ' || action FROM audit_log WHERE target LIKE 'report:%' AND target IN "
                + "(SELECT 'report:' || id FROM field_report WHERE description LIKE 'Ổ gà%') ORDER BY seq");
        assertThat(trail).containsSubsequence("public:web report.received", "system:routing report.move RECEIVED->ASSIGNED",
                "qldt.qng report.photo.viewed", "qldt.qng report.move ASSIGNED->IN_PROGRESS", "qldt.qng report.move IN_PROGRESS->RESOLVED",
                "public:reporter report.move RESOLVED->RATED");
        assertThat(single("SELECT intact::text FROM (SELECT first_broken IS NULL AS intact FROM audit_chain_check()) x")).isEqualTo("true");
    }

    @Test
    void theWrongTokenCannotRateAndAnotherAgencyCannotSeeTheReport() throws Exception {
        JsonObject r = new JsonObject(post("/api/reports", null, new JsonObject().put("category", "waste")
                .put("description", "Rác đổ trộm ven sông Trà Khúc").put("latitude", 15.1290).put("longitude", 108.7990)).body());
        String id = r.getString("id");
        assertThat(post("/api/public/reports/" + id + "/rating", null, new JsonObject().put("token", "x".repeat(32)).put("rating", "SATISFIED")).statusCode())
                .isEqualTo(403);
        // Not resolved yet: the right token cannot rate either.
        assertThat(post("/api/public/reports/" + id + "/rating", null, new JsonObject().put("token", r.getString("token")).put("rating", "SATISFIED")).statusCode())
                .isEqualTo(409);
        String agency = login("qldt.qng");
        assertThat(r.getString("agency")).isEqualTo("qng-tp-ubnd"); // waste in the city: the city's default
        assertThat(get("/api/reports/" + id, agency).statusCode()).isEqualTo(404);
        assertThat(get("/api/reports", agency).body()).doesNotContain(id);
        // The operator reassigns it to the urban management office, with a reason; then the office may return it.
        String operator = login("vanhanh");
        assertThat(post("/api/reports/" + id + "/transitions", operator, new JsonObject().put("to", "ASSIGNED").put("agency", "qng-tp-qldt")).statusCode())
                .as("a reassignment needs a reason").isEqualTo(422);
        assertThat(post("/api/reports/" + id + "/transitions", operator, new JsonObject().put("to", "ASSIGNED").put("agency", "qng-tp-qldt")
                .put("reason", "bãi rác trên vỉa hè do đô thị quản lý")).statusCode()).isEqualTo(200);
        assertThat(post("/api/reports/" + id + "/transitions", agency, new JsonObject().put("to", "RESOLVED").put("reason", "x")).statusCode())
                .as("not started").isEqualTo(409);
        assertThat(post("/api/reports/" + id + "/transitions", agency, new JsonObject().put("to", "RECEIVED")).statusCode())
                .as("a return needs a reason").isEqualTo(422);
        assertThat(post("/api/reports/" + id + "/transitions", agency, new JsonObject().put("to", "RECEIVED").put("reason", "đất tư nhân")).statusCode())
                .isEqualTo(200);
        assertThat(single("SELECT status || ' ' || coalesce(agency, '-') FROM field_report WHERE id = '" + id + "'")).isEqualTo("RECEIVED -");
        // The public form takes no personal data; a bad photo is named.
        assertThat(post("/api/reports", null, new JsonObject().put("category", "waste").put("description", "Rác thải bừa bãi")
                .put("place", "Chợ Quảng Ngãi").put("reporter_phone", "0905000000")).statusCode()).isEqualTo(422);
        HttpResponse<String> badPhoto = post("/api/reports", null, new JsonObject().put("category", "waste").put("description", "Rác thải bừa bãi")
                .put("place", "Chợ Quảng Ngãi").put("photos", new JsonArray().add(new JsonObject().put("media_type", "image/jpeg").put("data", "aGVsbG8="))));
        assertThat(badPhoto.statusCode()).isEqualTo(422);
        assertThat(badPhoto.body()).contains("photos[0]: declared image/jpeg but is not a JPEG");
    }

    @Test
    void aHotlineOperatorNotesTheCallerAndEveryViewOfTheCallerIsAudited() throws Exception {
        String operator = login("vanhanh");
        HttpResponse<String> filed = post("/api/reports", operator, new JsonObject().put("category", "street-lighting")
                .put("description", "Đèn đường tắt cả dãy phố từ tối qua").put("place", "Đường Lê Lợi, Đà Nẵng")
                .put("latitude", 16.0680).put("longitude", 108.2200).put("reporter_name", "Trần Thị Bình").put("reporter_phone", "0905 123 456"));
        assertThat(filed.statusCode()).isEqualTo(201);
        JsonObject r = new JsonObject(filed.body());
        // Hải Châu has one agency for everything (its district default), ahead of the city's Department of Construction.
        assertThat(r.getString("channel")).isEqualTo("hotline");
        assertThat(r.getString("unit_code")).isEqualTo("492");
        assertThat(r.getString("agency")).isEqualTo("dng-hc-ubnd");
        JsonObject seen = new JsonObject(get("/api/reports/" + r.getString("id"), operator).body());
        assertThat(seen.getString("reporter_phone")).isEqualTo("0905 123 456");
        assertThat(rows("SELECT actor || ' ' || action FROM audit_log WHERE target = 'report:" + r.getString("id") + "' ORDER BY seq"))
                .containsExactly("vanhanh report.received", "system:routing report.move RECEIVED->ASSIGNED", "vanhanh report.contact.viewed");
        // The public view of the same report shows no caller.
        JsonObject publicView = new JsonObject(get("/api/public/reports/" + r.getString("id") + "?token=" + r.getString("token"), null).body());
        assertThat(publicView.encode()).doesNotContain("0905").doesNotContain("Bình");
    }

    @Test
    void theHotlinePageIsTheCitizenFormInHotlineModeBehindASignIn() throws Exception {
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/tong-dai.html"));
            wait.until(d -> d.getCurrentUrl().endsWith("/phan-anh.html?mode=hotline"));
            wait.until(d -> d.findElements(By.cssSelector("#category option")).size() > 1);
            assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Tổng đài tiếp nhận phản ánh");
            assertThat(b.getTitle()).startsWith("Tổng đài tiếp nhận phản ánh");
            assertThat(b.findElement(By.id("signin")).isDisplayed()).isTrue(); // operators sign in before recording a call
        } finally {
            b.quit();
        }
    }

    @Test
    void anOverdueReportIsAnAlertOnTheWall() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            // Received 31 days ago in Sơn Hà, due 21 days ago (working days late on any day, even after a weekend or Tết), never handled.
            st.execute("SELECT report_open('00000000-0000-4000-8000-0000000e0001', 'hotline', 'flooding', 'Ngập sâu đường vào trường học', "
                    + "'Thị trấn Di Lăng', 15.037, 108.487, '529', 'qng-so-tnmt', now() - interval '21 days', 'test', 'x', NULL, NULL, 'vanhanh', 'IOC_OPERATOR')");
            st.execute("UPDATE field_report SET received_at = now() - interval '31 days' WHERE id = '00000000-0000-4000-8000-0000000e0001'");
        }
        JsonObject overdue = new JsonObject(get("/api/public/overdue-reports", null).body());
        assertThat(overdue.getJsonArray("reports").stream().map(o -> ((JsonObject) o).getString("id")))
                .contains("00000000-0000-4000-8000-0000000e0001");
        assertThat(overdue.encode()).doesNotContain("Ngập sâu"); // nothing the reporter wrote
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/"));
            wait.until(d -> d.findElements(By.cssSelector("#alert-list li.report")).size() >= 1);
            String text = b.findElement(By.cssSelector("#alert-list li[data-alert='report|00000000-0000-4000-8000-0000000e0001']")).getText();
            assertThat(text).startsWith("⚠ Phản ánh quá hạn: Ngập úng, thoát nước — Huyện Sơn Hà — Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi")
                    .contains("ngày làm việc");
            Browser.screenshot(b, "wall-overdue-field-report");
        } finally {
            b.quit();
        }
    }

    @Test
    void theThreeIndicatorsAreOnTheLeadersMap() throws Exception {
        // Ba Tơ this month: 4 reports — 3 resolved in time, 1 late; rated: 2 satisfied, 1 not.
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    INSERT INTO field_report (id, channel, category, description, unit_code, agency, status, received_at, due_at, calendar_version,
                                              resolved_at, resolution, rating, rated_at, rating_token_sha256)
                    VALUES (gen_random_uuid(), 'web', 'waste', 'a', '535', 'qng-so-tnmt', 'RATED', now(), now() + interval '9 days', 't', now(), 'ok', 'SATISFIED', now(), 'x'),
                           (gen_random_uuid(), 'web', 'waste', 'b', '535', 'qng-so-tnmt', 'RATED', now(), now() + interval '9 days', 't', now(), 'ok', 'SATISFIED', now(), 'x'),
                           (gen_random_uuid(), 'web', 'waste', 'c', '535', 'qng-so-tnmt', 'RATED', now(), now() + interval '9 days', 't', now(), 'ok', 'UNSATISFIED', now(), 'x'),
                           (gen_random_uuid(), 'web', 'waste', 'd', '535', 'qng-so-tnmt', 'RESOLVED', now(), now() - interval '1 minute', 't', now(), 'ok', NULL, NULL, 'x')""");
        }
        String period = LocalDate.now(VIETNAM).toString().substring(0, 7);
        String leader = login("lanhdao");
        Map<String, Double> expected = Map.of("field-reports-on-time", 75.0, "field-reports-satisfied", 66.67,
                "field-reports-per-10k", Math.round(4 / 56623.0 * 10000 * 100) / 100.0);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            JsonObject map = new JsonObject(get("/api/map?indicator=" + e.getKey() + "&period=" + period + "&parent=51&layout=pre2025", leader).body());
            JsonObject baTo = feature(map, "535");
            assertThat(baTo.getDouble("value")).as(e.getKey()).isEqualTo(e.getValue());
        }
        // Hoàng Sa has no sourced population: no data, never an invented figure.
        JsonObject danang = new JsonObject(get("/api/map?indicator=field-reports-per-10k&period=" + period + "&parent=48&layout=pre2025", leader).body());
        assertThat(feature(danang, "498").getString("status")).isEqualTo("NO_DATA");
        assertThat(feature(danang, "492").getDouble("value")).isEqualTo(0.0);
        assertThat(new JsonObject(get("/api/indicators", leader).body()).getJsonArray("indicators").stream()
                .map(o -> ((JsonObject) o).getString("id"))).contains("field-reports-on-time", "field-reports-satisfied", "field-reports-per-10k");

        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/map.html?indicator=field-reports-on-time&period=" + period + "&parent=51&layout=pre2025"));
            wait.until(d -> d.findElement(By.cssSelector("#login input[name=username]")).isDisplayed());
            b.findElement(By.cssSelector("#login input[name=username]")).sendKeys("lanhdao");
            b.findElement(By.cssSelector("#login input[name=password]")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("path[data-code]")).size() == 13);
            WebElement baTo = b.findElement(By.cssSelector("path[data-code='535']"));
            assertThat(baTo.getDomAttribute("data-status")).isEqualTo("AMBER"); // 75 %: between red (70) and green (90)
            Browser.screenshot(b, "leaders-map-field-reports-on-time");
        } finally {
            b.quit();
        }
    }

    static JsonObject feature(JsonObject map, String code) {
        return map.getJsonArray("features").stream().map(o -> ((JsonObject) o).getJsonObject("properties"))
                .filter(p -> code.equals(p.getString("code"))).findFirst().orElseThrow(() -> new AssertionError("no unit " + code + " in " + map));
    }

    String login(String user) throws Exception {
        return new JsonObject(post("/api/login", null, new JsonObject().put("username", user).put("password", TestUsers.PASSWORD)).body()).getString("token");
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(path)));
        if (token != null) r.header("Authorization", "Bearer " + token);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, JsonObject body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) r.header("Authorization", "Bearer " + token);
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    String single(String sql) throws Exception {
        List<String> r = rows(sql);
        return r.isEmpty() ? null : r.get(0);
    }

    List<String> rows(String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }
}
