package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.node.LeadersMapData;
import vn.matthan.schema.DatabaseSchema;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaders' assistant (POST /api/ask, /hoi-dap.html) on a real PostgreSQL holding what the demo loads (GSO units,
 * the real Quảng Ngãi report) plus the traffic fixture {@code assistant/traffic.sql}, against the question set
 * {@code assistant/questions.csv} (≥ 300 questions, half without diacritics, with the answer each must get; split into
 * a tuning and a held-out part by the rule written in the file).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadersAssistantTest {
    static final Path QUESTIONS = WholeIocEndToEndTest.ROOT.resolve("tests/src/test/resources/assistant/questions.csv");
    static final String AS_OF = "2023-11-15";
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    String leader, admin, operator;

    record Asked(String id, String split, String category, String question, String expected) {
    }

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            TestUsers.insert(c, new String[][]{{"lanhdao.51", "LEADER", "{51}"}, {"quantri", "ADMIN", "{}"}, {"vanhanh", "IOC_OPERATOR", "{522}"}});
            c.createStatement().execute(Files.readString(QUESTIONS.resolveSibling("traffic.sql")));
        }
        PgConnectOptions db = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres");
        vertx = Vertx.vertx();
        IndicatorCatalog catalog = IndicatorCatalog.load(LeadersMapTest.CATALOG);
        List<String> problems = new ArrayList<>();
        LeadersMapData.prepare(vertx, db, catalog, WholeIocEndToEndTest.ASSETS, dir.resolve("no-units.csv"), problems::add);
        assertThat(problems).isEmpty();
        IocApiVerticle api = new IocApiVerticle(db, 0, vn.matthan.api.CameraStatusSource.NONE).withIndicators(catalog, "51");
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
        leader = login("lanhdao.51");
        admin = login("quantri");
        operator = login("vanhanh");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    static List<Asked> questions() throws Exception {
        List<Asked> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(QUESTIONS, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(new Asked(rec.get("id"), rec.get("split"), rec.get("category"), rec.get("question"), rec.get("expected")));
            }
        }
        return out;
    }

    @Test
    void the_question_set_is_answered_exactly_and_no_unanswerable_question_gets_a_number() throws Exception {
        List<Asked> all = questions();
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        assertThat(all.stream().filter(a -> a.category().equals("unanswerable")).count()).isGreaterThanOrEqualTo(30);
        int[] right = new int[2], total = new int[2];
        List<String> numbersForUnanswerable = new ArrayList<>(), tuningMisses = new ArrayList<>();
        int wrongNumbers = 0;
        for (Asked a : all) {
            JsonObject answer = ask(leader, a.question());
            String result = answer.getString("result");
            int part = a.split().equals("heldout") ? 1 : 0;
            total[part]++;
            if (result.equals(a.expected())) right[part]++;
            else if (part == 0) tuningMisses.add(a.id() + " " + a.question() + "\n     expected " + a.expected() + "\n     got      " + result
                    + (answer.getBoolean("understood") ? "" : " (" + answer.getString("answer_vi") + ")"));
            boolean declined = result.equals("not_understood") || result.equals("no_data");
            if (a.category().equals("unanswerable") && (!declined || answer.getValue("value") != null || !answer.getJsonArray("figures").isEmpty()))
                numbersForUnanswerable.add(a.id() + " " + a.question() + " → " + result);
            if (!declined && !result.equals(a.expected())) wrongNumbers++;
        }
        double tuning = 100.0 * right[0] / total[0], heldOut = 100.0 * right[1] / total[1];
        String summary = String.format("assistant question set: tuning %d/%d (%.1f %%), held out %d/%d (%.1f %%), wrong numbers %d",
                right[0], total[0], tuning, right[1], total[1], heldOut, wrongNumbers);
        System.out.println(summary);
        tuningMisses.forEach(m -> System.out.println("  tuning miss " + m));
        assertThat(numbersForUnanswerable).as("unanswerable questions answered with a number").isEmpty();
        assertThat(heldOut).as(summary).isGreaterThanOrEqualTo(90.0);
    }

    @Test
    void an_answer_cites_indicator_unit_period_and_source_and_links_to_the_map() throws Exception {
        JsonObject a = ask(leader, "Tỷ lệ số hóa hồ sơ khi tiếp nhận của huyện Sơn Hà tháng 10/2023 là bao nhiêu?");
        assertThat(a.getString("kind")).isEqualTo("value");
        assertThat(a.getDouble("value")).isEqualTo(70.94);
        assertThat(a.getJsonObject("indicator").getString("id")).isEqualTo("intake-digitisation");
        assertThat(a.getJsonObject("unit").getString("name")).isEqualTo("Huyện Sơn Hà");
        assertThat(a.getString("period")).isEqualTo("2023-10");
        assertThat(a.getString("source")).isEqualTo("Báo cáo tỉnh Quảng Ngãi ngày 10/10/2023");
        assertThat(a.getString("answer_vi")).contains("70,94%").contains("Cần cố gắng").contains("mục tiêu ≥ 80%").contains("Nguồn: Báo cáo tỉnh Quảng Ngãi");
        assertThat(a.getString("map")).isEqualTo("/map.html?indicator=intake-digitisation&period=2023-10&parent=51&unit=529");
        // the same number the map shows for the unit
        JsonObject map = new JsonObject(get(leader, "/api/map?indicator=intake-digitisation&period=2023-10&parent=51").body());
        assertThat(map.getJsonArray("features").stream().map(f -> ((JsonObject) f).getJsonObject("properties"))
                .filter(p -> p.getString("code").equals("529")).findFirst().orElseThrow().getDouble("value")).isEqualTo(70.94);
        JsonObject none = ask(leader, "Dân số của huyện Sơn Hà là bao nhiêu?");
        assertThat(none.getString("kind")).isEqualTo("not_understood");
        assertThat(none.getValue("value")).isNull();
        assertThat(none.getJsonArray("suggestions")).isNotEmpty();
    }

    @Test
    void only_leaders_and_admins_ask_and_a_bad_request_is_named() throws Exception {
        String body = new JsonObject().put("question", "Tỷ lệ ký số của Sơn Hà?").encode();
        assertThat(post(null, body).statusCode()).isEqualTo(401);
        assertThat(post(operator, body).statusCode()).isEqualTo(403);
        assertThat(post(admin, body).statusCode()).isEqualTo(200);
        HttpResponse<String> empty = post(leader, new JsonObject().put("question", "").encode());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("question");
        HttpResponse<String> badDay = post(leader, new JsonObject().put("question", "Tỷ lệ ký số?").put("as_of", "2023-02-30").encode());
        assertThat(badDay.statusCode()).isEqualTo(400);
        assertThat(badDay.body()).contains("as_of");
    }

    @Test
    void the_page_answers_with_and_without_diacritics_and_says_when_it_does_not_understand() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://127.0.0.1:" + port + "/hoi-dap.html");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login input[name=username]"))).sendKeys("lanhdao.51");
            browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys(TestUsers.PASSWORD);
            browser.findElement(By.cssSelector("#login button[type=submit]")).click();
            WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
            assertThat(browser.findElements(By.cssSelector("#examples button"))).isNotEmpty();

            askOnPage(browser, wait, box, "Tỷ lệ số hóa hồ sơ khi tiếp nhận của huyện Sơn Hà tháng 10/2023?", 1);
            WebElement answer = browser.findElement(By.cssSelector("#answers article:first-child"));
            assertThat(answer.getText()).contains("70,94%").contains("Huyện Sơn Hà").contains("Nguồn");
            assertThat(answer.findElement(By.cssSelector("a.map-link")).getAttribute("href"))
                    .endsWith("/map.html?indicator=intake-digitisation&period=2023-10&parent=51&unit=529");

            askOnPage(browser, wait, box, "xa nao cua huyen son ha co ty le ho so truc tuyen cao nhat thang 10/2023", 2);
            assertThat(browser.findElement(By.cssSelector("#answers article:first-child")).getText()).contains("Xã Sơn Giang").contains("72,22%");

            askOnPage(browser, wait, box, "Dân số của huyện Sơn Hà là bao nhiêu?", 3);
            WebElement refused = browser.findElement(By.cssSelector("#answers article:first-child"));
            assertThat(refused.getAttribute("data-kind")).isEqualTo("not_understood");
            assertThat(refused.getText()).contains("Chưa hiểu câu hỏi");
            assertThat(refused.findElements(By.cssSelector(".suggestions button"))).isNotEmpty();
            Browser.screenshot(browser, "assistant-hoi-dap");

            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Leaders' assistant"));
        } finally {
            browser.quit();
        }
    }

    private static void askOnPage(ChromeDriver browser, WebDriverWait wait, WebElement box, String question, int answers) {
        box.clear();
        box.sendKeys(question);
        browser.findElement(By.cssSelector("#ask button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#answers article")).size() == answers);
    }

    JsonObject ask(String token, String question) throws Exception {
        HttpResponse<String> r = post(token, new JsonObject().put("question", question).put("as_of", AS_OF).encode());
        assertThat(r.statusCode()).as(question + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    HttpResponse<String> post(String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", TestUsers.PASSWORD).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }
}
