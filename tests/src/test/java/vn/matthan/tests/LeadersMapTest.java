package vn.matthan.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.node.LeadersMapData;
import vn.matthan.schema.DatabaseSchema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaders' map on a real PostgreSQL loaded as the demo loads it (GSO units, outlines, the Quảng Ngãi report),
 * over HTTP and in a real headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadersMapTest {
    static final Path CATALOG = WholeIocEndToEndTest.ROOT.resolve("config/indicators.yaml");
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    String leader, outsideLeader, operator, admin;
    JsonNode catalogYaml;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            TestUsers.insert(c, new String[][]{{"lanhdao.51", "LEADER", "{51}"}, {"lanhdao.48", "LEADER", "{48}"},
                    {"vanhanh", "IOC_OPERATOR", "{522}"}, {"quantri", "ADMIN", "{}"}});
        }
        PgConnectOptions db = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres");
        vertx = Vertx.vertx();
        IndicatorCatalog catalog = IndicatorCatalog.load(CATALOG);
        List<String> problems = new ArrayList<>();
        LeadersMapData.prepare(vertx, db, catalog, WholeIocEndToEndTest.ASSETS, dir.resolve("no-units.csv"), problems::add);
        assertThat(problems).isEmpty();
        IocApiVerticle api = new IocApiVerticle(db, 0, vn.matthan.api.CameraStatusSource.NONE).withIndicators(catalog, "51");
        vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
        port = api.actualPort();
        leader = login("lanhdao.51");
        outsideLeader = login("lanhdao.48");
        operator = login("vanhanh");
        admin = login("quantri");
        catalogYaml = new ObjectMapper(new YAMLFactory()).readTree(CATALOG.toFile());
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    @Test
    void a_restart_with_the_same_units_rewrites_none_of_them() throws Exception {
        String sql = "SELECT count(*) || ':' || string_agg(xmin::text, ',' ORDER BY layout, code) FROM admin_unit";
        String before = single(sql);
        List<String> problems = new ArrayList<>();
        LeadersMapData.prepare(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres"), IndicatorCatalog.load(CATALOG), WholeIocEndToEndTest.ASSETS,
                dir.resolve("no-units.csv"), problems::add);
        assertThat(problems).isEmpty();
        assertThat(single(sql)).as("same units, same row versions").isEqualTo(before).doesNotStartWith("0:");
    }

    private String single(String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void the_quang_ngai_district_map_has_13_outlined_units_with_the_reported_values() throws Exception {
        JsonObject map = json(get(leader, "/api/map?indicator=intake-digitisation&period=2023-10&parent=51"), 200);
        JsonArray features = map.getJsonArray("features");
        assertThat(map.getString("type")).isEqualTo("FeatureCollection");
        assertThat(features).hasSize(13);
        assertThat(features.stream().map(f -> ((JsonObject) f).getJsonObject("geometry"))).allMatch(g -> g != null
                && (g.getString("type").equals("Polygon") || g.getString("type").equals("MultiPolygon")));
        Map<String, JsonObject> byName = byName(features);
        assertThat(byName.get("Huyện Lý Sơn").getDouble("value")).isEqualTo(9.72);
        assertThat(byName.get("Huyện Ba Tơ").getDouble("value")).isEqualTo(91.16);
        assertThat(byName.get("Huyện Lý Sơn").getString("status")).isEqualTo(expected("intake-digitisation", "district", 9.72));
        assertThat(byName.get("Huyện Ba Tơ").getString("status")).isEqualTo(expected("intake-digitisation", "district", 91.16));
        assertThat(byName.get("Huyện Minh Long").getInteger("rank")).isEqualTo(1);   // 91.45 %
        assertThat(byName.get("Huyện Lý Sơn").getInteger("rank")).isEqualTo(13);
        assertThat(map.getJsonObject("parent").getString("name")).isEqualTo("Tỉnh Quảng Ngãi");
    }

    @Test
    void every_units_status_matches_a_recomputation_from_the_catalog_thresholds() throws Exception {
        int checked = 0;
        for (String[] q : new String[][]{{"intake-digitisation", "51"}, {"result-digitisation", "51"}, {"online-applications", "529"},
                {"esigned-documents", "529"}, {"online-applications", "51"}, {"esigned-documents", "51"}}) {
            JsonObject map = json(get(leader, "/api/map?indicator=" + q[0] + "&period=2023-10&parent=" + q[1]), 200);
            for (Object o : map.getJsonArray("features")) {
                JsonObject p = ((JsonObject) o).getJsonObject("properties");
                assertThat(p.getString("status")).as(q[0] + " " + p.getString("name"))
                        .isEqualTo(expected(q[0], p.getString("level"), p.getDouble("value")));
                if (p.getDouble("value") != null) checked++;
            }
        }
        assertThat(checked).isEqualTo(13 + 13 + 14 + 14 + 1 + 1);   // under 529 only its 14 communes; 529 itself under 51
    }

    @Test
    void son_ha_opens_with_its_communes_online_rates_best_and_worst() throws Exception {
        JsonObject communes = json(get(leader, "/api/map?indicator=online-applications&period=2023-10&parent=529"), 200);
        Map<String, JsonObject> byName = byName(communes.getJsonArray("features"));
        assertThat(byName).hasSize(14);
        assertThat(byName.get("Xã Sơn Giang").getDouble("value")).isEqualTo(72.22);
        assertThat(byName.get("Xã Sơn Giang").getInteger("rank")).isEqualTo(1);
        assertThat(byName.get("Xã Sơn Hạ").getDouble("value")).isEqualTo(2.43);
        assertThat(byName.get("Xã Sơn Hạ").getInteger("rank")).isEqualTo(14);
        // Communes have no licensed outlines: rows with a null geometry.
        assertThat(communes.getJsonArray("features").stream().map(f -> ((JsonObject) f).getValue("geometry"))).allMatch(g -> g == null);
        JsonObject card = json(get(leader, "/api/units/529/scorecard?period=2023-10"), 200);
        JsonObject online = card.getJsonArray("indicators").stream().map(o -> (JsonObject) o)
                .filter(i -> i.getString("indicator").equals("online-applications")).findFirst().orElseThrow();
        assertThat(online.getString("origin")).isEqualTo("aggregated");
        assertThat(online.getDouble("value")).isEqualTo(Math.round((2893.0 + 639) / (18628 + 1661) * 10000) / 100.0);
        assertThat(online.getInteger("children_with_value")).isEqualTo(14);
    }

    @Test
    void an_import_keeps_the_good_rows_and_reports_the_bad_one_by_line() throws Exception {
        String csv = """
                unit_code,indicator,period,value
                529,on-time-resolution,2023-09,96.5
                535,on-time-resolution,2023-09,81
                5999,on-time-resolution,2023-09,70
                536,on-time-resolution,2023-09,99
                """;
        JsonObject r = json(postCsv(leader, "/api/indicator-values?source=test.csv", csv), 200);
        assertThat(r.getInteger("accepted")).isEqualTo(3);
        assertThat(r.getJsonArray("rejected")).hasSize(1);
        assertThat(r.getJsonArray("rejected").getJsonObject(0).getInteger("line")).isEqualTo(4);
        assertThat(r.getJsonArray("rejected").getJsonObject(0).getString("reason")).contains("unknown unit code '5999'");
        JsonObject map = json(get(operator, "/api/map?indicator=on-time-resolution&period=2023-09&parent=51"), 200);
        Map<String, JsonObject> byName = byName(map.getJsonArray("features"));
        assertThat(byName.get("Huyện Sơn Hà").getDouble("value")).isEqualTo(96.5);
        assertThat(byName.get("Huyện Ba Tơ").getString("status")).isEqualTo("RED");
        assertThat(byName.get("Huyện Bình Sơn").getString("status")).isEqualTo("NO_DATA");
        JsonObject trend = json(get(leader, "/api/indicator-values?indicator=on-time-resolution&unit=529&period=2023-10"), 200);
        assertThat(trend.getJsonArray("series")).singleElement().satisfies(s -> assertThat(((JsonObject) s).getDouble("value")).isEqualTo(96.5));
        // The import is in the audit log, with who did it and what was refused.
        try (Connection c = pg.getPostgresDatabase().getConnection();
             var rs = c.createStatement().executeQuery("SELECT actor, target, reason FROM audit_log WHERE action = 'indicator-import'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("lanhdao.51");
            assertThat(rs.getString(2)).isEqualTo("3 values");
            assertThat(rs.getString(3)).contains("test.csv").contains("1 rows rejected");
        }
    }

    @Test
    void only_admins_and_leaders_import_and_a_leader_only_for_their_own_province() throws Exception {
        String csv = "unit_code,indicator,period,value\n529,online-payment,2023-09,40\n";
        assertThat(postCsv(null, "/api/indicator-values", csv).statusCode()).isEqualTo(401);
        assertThat(postCsv(operator, "/api/indicator-values", csv).statusCode()).isEqualTo(403);
        HttpResponse<String> outside = postCsv(outsideLeader, "/api/indicator-values", csv);
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(outside.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(outside.body()).getJsonArray("rejected").getJsonObject(0).getString("reason")).contains("outside your jurisdiction");
        assertThat(json(postCsv(admin, "/api/indicator-values", csv), 200).getInteger("accepted")).isEqualTo(1);
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/indicator-values"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(get(null, "/api/map?indicator=intake-digitisation&period=2023-10").statusCode()).isEqualTo(401);
    }

    @Test
    void the_import_command_sends_a_file_and_prints_each_rejected_line() throws Exception {
        Path file = dir.resolve("gia-tri thang 9.csv");
        java.nio.file.Files.writeString(file, "unit_code,indicator,period,value\n535,citizen-satisfaction,2023-09,93.5\n535,citizen-satisfaction,2023-09,12\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "vn.matthan.node.ImportIndicators", file.toString()).redirectErrorStream(true);
        pb.environment().put("IOC_URL", "http://127.0.0.1:" + port);
        pb.environment().put("IOC_USER", "lanhdao.51");
        pb.environment().put("IOC_PASSWORD", TestUsers.PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(1);
        assertThat(out).contains("gia-tri thang 9.csv:3: rejected: unit 535 already has citizen-satisfaction for 2023-09 on line 2")
                .contains("imported 1 values, rejected 1 rows");
        JsonObject map = json(get(leader, "/api/map?indicator=citizen-satisfaction&period=2023-09&parent=51"), 200);
        assertThat(byName(map.getJsonArray("features")).get("Huyện Ba Tơ").getDouble("value")).isEqualTo(93.5);
    }

    @Test
    void son_ha_online_receipt_share_shows_its_value_without_an_nq13_colour() throws Exception {
        // The DVCTT receipt share measures applications received online; NQ13's tiers are about work records.
        JsonObject districts = json(get(leader, "/api/map?indicator=online-applications&period=2023-10&parent=51"), 200);
        JsonObject ind = districts.getJsonObject("indicator");
        assertThat(ind.getString("measures")).isEqualTo("dvctt-online-receipt-share");
        assertThat(ind.getJsonObject("thresholds")).isEmpty();
        assertThat(ind.getJsonArray("targets")).isEmpty();
        JsonObject sonHa = byName(districts.getJsonArray("features")).get("Huyện Sơn Hà");
        assertThat(sonHa.getDouble("value")).isEqualTo(Math.round(3532.0 / 20289 * 10000) / 100.0);   // 17.41 %
        assertThat(sonHa.getString("status")).isEqualTo("NO_TARGET").isEqualTo(expected("online-applications", "district", 17.41));
        assertThat(sonHa.getString("status_vi")).isEqualTo("Không đặt mục tiêu");
        assertThat(sonHa.getValue("target")).isNull();
        assertThat(sonHa.getValue("reaches_target")).isNull();
        assertThat(byName(districts.getJsonArray("features")).get("Huyện Ba Tơ").getString("status")).isEqualTo("NO_DATA");
        assertThat(districts.getValue("reaching")).as("nothing to reach without a target").isNull();
        JsonObject communes = json(get(leader, "/api/map?indicator=online-applications&period=2023-10&parent=529"), 200);
        assertThat(communes.getJsonArray("features").stream().map(f -> ((JsonObject) f).getJsonObject("properties")))
                .hasSize(14).allSatisfy(p -> {
                    assertThat(p.getString("status")).isEqualTo("NO_TARGET");
                    assertThat(p.getDouble("value")).isNotNull();
                });
        // The NQ13 target sits on the work-records indicator, which has no data yet: "chưa có số liệu", never a colour.
        JsonObject records = json(get(leader, "/api/map?indicator=work-records-online&period=2023-10&parent=529"), 200);
        assertThat(records.getJsonObject("indicator").getJsonObject("thresholds").getJsonObject("commune").getString("cites"))
                .isEqualTo("nq13-2025-work-records-online");
        assertThat(records.getJsonObject("indicator").getJsonObject("thresholds").getJsonObject("commune").getBoolean("strict")).isTrue();
        assertThat(records.getJsonArray("features").stream().map(f -> ((JsonObject) f).getJsonObject("properties")))
                .hasSize(14).allSatisfy(p -> assertThat(p.getString("status_vi")).isEqualTo("Chưa có số liệu"));
        JsonObject card = json(get(leader, "/api/units/529/scorecard?period=2023-10"), 200);
        Map<String, JsonObject> byIndicator = new HashMap<>();
        card.getJsonArray("indicators").forEach(o -> byIndicator.put(((JsonObject) o).getString("indicator"), (JsonObject) o));
        assertThat(byIndicator.get("online-applications").getString("status")).isEqualTo("NO_TARGET");
        assertThat(byIndicator.get("work-records-online").getString("status")).isEqualTo("NO_DATA");
        assertThat(byIndicator.get("esigned-documents").getString("status")).isEqualTo("GREEN");   // 90.46 ≥ 90
    }

    @Test
    void units_reaching_the_target_are_counted_from_the_real_data_for_the_panel() throws Exception {
        JsonObject sonHa = json(get(leader, "/api/units/529/goals?period=2023-10"), 200);
        Map<String, JsonObject> goals = new HashMap<>();
        sonHa.getJsonArray("goals").forEach(o -> goals.put(((JsonObject) o).getString("id"), (JsonObject) o));
        // E-signed documents: 10 of the 14 communes reach 90%; no goal says how many must, so no colour.
        JsonObject signed = goals.get("esigned-documents:commune");
        assertThat(signed.getInteger("units")).isEqualTo(14);
        assertThat(signed.getInteger("with_data")).isEqualTo(14);
        assertThat(signed.getInteger("reached")).isEqualTo(10);
        assertThat(signed.getDouble("share")).isEqualTo(71.43);
        assertThat(signed.getBoolean("declared")).isFalse();
        assertThat(signed.getString("status")).isEqualTo("NO_TARGET");
        // The commune digital-transformation goal (90% of the criteria) is declared but nobody reported yet.
        JsonObject dx = goals.get("communes-reaching-dx-criteria");
        assertThat(dx.getBoolean("declared")).isTrue();
        assertThat(dx.getInteger("units")).isEqualTo(14);
        assertThat(dx.getInteger("with_data")).isZero();
        assertThat(dx.getString("status")).isEqualTo("NO_DATA");
        assertThat(dx.getValue("required_count")).isNull();
        // No target, nothing to reach: the online receipt share is not a goal; neither are indicators without data.
        assertThat(goals).doesNotContainKeys("online-applications:commune", "work-records-online:commune");
        // The province: 2 of 13 districts reach 80% intake digitisation (Ba Tơ, Minh Long), none 80% result digitisation.
        JsonObject province = json(get(leader, "/api/units/51/goals?period=2023-10"), 200);
        Map<String, JsonObject> pg = new HashMap<>();
        province.getJsonArray("goals").forEach(o -> pg.put(((JsonObject) o).getString("id"), (JsonObject) o));
        assertThat(pg.get("intake-digitisation:district").getInteger("reached")).isEqualTo(2);
        assertThat(pg.get("intake-digitisation:district").getJsonArray("reached_units")).containsExactlyInAnyOrder("531", "535");
        assertThat(pg.get("result-digitisation:district").getInteger("reached")).isZero();
        assertThat(pg.get("result-digitisation:district").getInteger("units")).isEqualTo(13);
        assertThat(pg.get("communes-reaching-dx-criteria").getInteger("units")).isEqualTo(
                json(get(leader, "/api/units?layout=pre2025&parent=51&level=commune"), 200).getJsonArray("units").size());
        // The map of the districts says the same in its head.
        JsonObject map = json(get(leader, "/api/map?indicator=intake-digitisation&period=2023-10&parent=51"), 200);
        assertThat(map.getJsonObject("reaching").getInteger("reached")).isEqualTo(2);
        assertThat(map.getJsonObject("reaching").getInteger("units")).isEqualTo(13);
        assertThat(problem(get(leader, "/api/units/9999/goals?period=2023-10"), 404)).contains("no unit 9999");
    }

    @Test
    void the_catalog_lists_its_targets_goals_and_changelog_newest_first() throws Exception {
        JsonObject c = json(get(operator, "/api/indicators"), 200);
        JsonArray changelog = c.getJsonArray("changelog");
        assertThat(changelog.getJsonObject(0).getString("version")).isEqualTo(c.getString("catalog_version"));
        assertThat(changelog.getJsonObject(0).getJsonArray("indicators")).contains("online-applications", "work-records-online");
        assertThat(c.getJsonArray("targets").stream().map(t -> ((JsonObject) t).getString("id"))).contains("nq13-2025-work-records-online");
        assertThat(c.getJsonArray("goals").getJsonObject(0).getString("id")).isEqualTo("communes-reaching-dx-criteria");
        JsonObject online = c.getJsonArray("indicators").stream().map(o -> (JsonObject) o)
                .filter(i -> i.getString("id").equals("online-applications")).findFirst().orElseThrow();
        // Existing fields stay as they were; new ones are added beside them.
        assertThat(online.fieldNames()).contains("id", "name_vi", "name_en", "unit", "direction", "aggregation", "source", "note",
                "thresholds", "periods", "measures", "definition", "source_table", "targets", "changed_in");
        assertThat(online.getJsonObject("changed_in").getString("version")).isEqualTo(c.getString("catalog_version"));
    }

    @Test
    void in_chromium_son_ha_shows_its_online_receipt_share_without_a_colour_and_its_panel_the_goals_and_the_changelog() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://127.0.0.1:" + port + "/map.html?indicator=online-applications&period=2023-10&parent=51");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login input[name=username]"))).sendKeys("lanhdao.51");
            browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("path[data-code]")).size() == 13);
            WebElement sonHa = browser.findElement(By.cssSelector("path[data-code='529']"));
            assertThat(sonHa.getAttribute("data-status")).isEqualTo("NO_TARGET");
            // A neutral fill, none of the judging colours; the label carries the value and the "no target" symbol.
            assertThat(sonHa.getAttribute("fill")).isEqualTo("#8fb3d6").isNotIn("#2e7d32", "#f9a825", "#c62828");
            assertThat(sonHa.getAttribute("aria-label")).contains("17,41%").contains("Không đặt mục tiêu");
            assertThat(browser.findElement(By.cssSelector(".leaflet-tooltip-pane")).getText()).contains("○Sơn Hà 17,41%");
            assertThat(browser.findElement(By.cssSelector("path[data-code='535']")).getAttribute("data-status")).isEqualTo("NO_DATA");
            String legend = browser.findElement(By.id("legend")).getText();
            assertThat(legend).contains("○ Không đặt mục tiêu").contains("– Chưa có số liệu")
                    .contains("không có mục tiêu ở cấp này").doesNotContain("Đạt (").doesNotContain("Chưa đạt");
            Browser.screenshot(browser, "leaders-map-online-receipt-no-target");

            sonHa.sendKeys(Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("#goals li[data-goal]")).size() >= 2);
            assertThat(browser.findElement(By.id("panel-status")).getText()).contains("○ Không đặt mục tiêu").contains("17,41%");
            assertThat(browser.findElement(By.id("panel-facts")).getText()).contains("Không đặt mục tiêu")
                    .contains("Báo cáo tỉnh Quảng Ngãi ngày 10/10/2023");
            assertThat(browser.findElement(By.cssSelector("#goals li[data-goal='esigned-documents:commune']")).getText())
                    .contains("10/14 xã đạt mục tiêu").contains("14 có số liệu").doesNotContain("chỉ tiêu");
            assertThat(browser.findElement(By.cssSelector("#goals li[data-goal='communes-reaching-dx-criteria']")).getText())
                    .contains("Chưa có số liệu").contains("0/14 xã").contains("chỉ tiêu số đơn vị chờ đối chiếu");
            // The changelog: the newest version changed the indicator shown, and says how.
            WebElement newest = browser.findElement(By.cssSelector("#changelog li"));
            assertThat(newest.getAttribute("data-version")).isEqualTo(catalogYaml.get("version").asText());
            assertThat(newest.getAttribute("class")).contains("touches");
            assertThat(newest.getText()).contains("có thay đổi chỉ số đang xem").contains("không còn bị chấm theo mục tiêu NQ13");
            assertThat(browser.findElement(By.id("panel-changed")).getText()).contains(catalogYaml.get("version").asText());
            assertThat(browser.findElements(By.cssSelector("#changelog li"))).hasSize(catalogYaml.get("changelog").size());
            browser.executeScript("document.getElementById('goals').scrollIntoView()");
            Browser.screenshot(browser, "leaders-map-son-ha-goals-changelog");

            // The work-records indicator carries the NQ13 tiers: the legend says "> 80%" and where the target comes from.
            browser.get("http://127.0.0.1:" + port + "/map.html?indicator=work-records-online&period=2023-10&parent=51");
            wait.until(d -> d.findElements(By.cssSelector("path[data-code]")).size() == 13);
            assertThat(browser.findElements(By.cssSelector("path[data-status='NO_DATA']"))).hasSize(13);
            assertThat(browser.findElement(By.id("legend")).getText()).contains("Đạt (> 80%)").contains("Nghị quyết 13/NQ-TU")
                    .contains("trừ hồ sơ MẬT");
        } finally {
            browser.quit();
        }
    }

    @Test
    void bad_map_requests_are_refused_with_the_reason() throws Exception {
        assertThat(problem(get(leader, "/api/map?indicator=nope&period=2023-10"), 404)).contains("unknown indicator 'nope'");
        assertThat(problem(get(leader, "/api/map?indicator=intake-digitisation&period=10-2023"), 400)).contains("is not 2023, 2023-Q4");
        assertThat(problem(get(leader, "/api/map?indicator=intake-digitisation&period=2023-10&parent=9999"), 404)).contains("no unit 9999");
        assertThat(problem(get(leader, "/api/map?indicator=intake-digitisation&period=2023-10&level=hamlet"), 400)).contains("level").contains("province");
        assertThat(problem(get(leader, "/api/map?indicator=intake-digitisation&period=2023-10&colour=red"), 400)).contains("unknown parameter 'colour'");
        assertThat(problem(get(leader, "/api/units?layout=1990"), 404)).contains("no administrative units loaded for layout '1990'");
    }

    @Test
    void the_two_layouts_are_served_and_the_province_map_of_each_has_every_province() throws Exception {
        assertThat(json(get(leader, "/api/map?indicator=online-applications&period=2023-10"), 200).getJsonArray("features")).hasSize(63);
        JsonObject after = json(get(leader, "/api/map?indicator=online-applications&period=2025-10"), 200);
        assertThat(after.getString("layout")).isEqualTo("post2025");
        assertThat(after.getJsonArray("features")).hasSize(34);
        JsonObject units = json(get(leader, "/api/units?layout=pre2025&parent=529"), 200);
        assertThat(units.getJsonArray("units")).hasSize(14);
    }

    @Test
    void a_red_light_count_is_judged_lower_is_better_per_camera_and_day() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-a', 'A', '522', 15.1, 108.8, 'x'), ('qng-b', 'B', '522', 15.1, 108.8, 'x'), ('bts-a', 'C', '535', 14.7, 108.7, 'x')");
            // 20 Nov 2026 (Vietnam time): qng-a 1,500 red-light violations, qng-b 900 (unit 522: 1,200 per camera);
            // bts-a 250, plus 400 rejected ones that do not count.
            c.createStatement().execute("""
                    INSERT INTO violation_case (id, violation_type, camera_id, unit_code, occurred_at, status, reject_reason)
                    SELECT gen_random_uuid(), 'red_light', cam, unit, timestamptz '2026-11-20 08:00+07' + (n || ' seconds')::interval,
                           st, CASE WHEN st = 'REJECTED' THEN 'test' END
                      FROM (VALUES ('qng-a', '522', 1500, 'DETECTED'), ('qng-b', '522', 900, 'CONFIRMED'),
                                   ('bts-a', '535', 250, 'DETECTED'), ('bts-a', '535', 400, 'REJECTED')) AS v(cam, unit, k, st),
                           generate_series(1, k) AS n""");
        }
        // The cameras are registered under pre-2025 district codes: the district map of the old layout…
        JsonObject map = json(get(leader, "/api/map?indicator=red-light-per-camera-day&period=2026-11-20&parent=51&layout=pre2025"), 200);
        Map<String, JsonObject> byName = byName(map.getJsonArray("features"));
        JsonObject city = byName.get("Thành phố Quảng Ngãi"), baTo = byName.get("Huyện Ba Tơ");
        assertThat(city.getDouble("value")).isEqualTo(1200.0);
        assertThat(baTo.getDouble("value")).isEqualTo(250.0);
        assertThat(city.getString("status")).isEqualTo("RED").isEqualTo(expected("red-light-per-camera-day", "district", 1200.0));
        assertThat(baTo.getString("status")).isEqualTo("GREEN").isEqualTo(expected("red-light-per-camera-day", "district", 250.0));
        assertThat(baTo.getInteger("rank")).isEqualTo(1);   // fewer is better
        assertThat(byName.get("Huyện Lý Sơn").getString("status")).isEqualTo("NO_DATA");
        // The province: (1,500 + 900 + 250) violations over 3 camera-days.
        JsonObject province = map.getJsonObject("parent").getJsonObject("score");
        assertThat(province.getDouble("value")).isEqualTo(Math.round(2650.0 / 3 * 100) / 100.0);
        // …and in the layout in force that day, the districts count for the province Quảng Ngãi became part of.
        JsonObject now = json(get(leader, "/api/map?indicator=red-light-per-camera-day&period=2026-11-20"), 200);
        assertThat(now.getString("layout")).isEqualTo("post2025");
        JsonObject qn = byName(now.getJsonArray("features")).get("Tỉnh Quảng Ngãi");
        assertThat(qn.getDouble("value")).isEqualTo(Math.round(2650.0 / 3 * 100) / 100.0);
        assertThat(qn.getString("status")).isEqualTo(expected("red-light-per-camera-day", "province", 2650.0 / 3));
        // The 2025 communes are not shipped: the province's own map shows the province itself, and says so.
        JsonObject inside = json(get(leader, "/api/map?indicator=red-light-per-camera-day&period=2026-11-20&parent=51"), 200);
        assertThat(inside.getBoolean("children_unknown")).isTrue();
        assertThat(inside.getJsonArray("features")).singleElement()
                .satisfies(f -> assertThat(((JsonObject) f).getJsonObject("properties").getString("code")).isEqualTo("51"));
    }

    @Test
    void congestion_minutes_per_day_come_from_the_stream_jobs_episodes() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('jam-city', 'J1', '522', 15.1, 108.8, 'x'), ('jam-mo-duc', 'J2', '533', 14.9, 108.9, 'x')");
            // 19 Nov 2026 in Vietnam: 90 minutes in the city (one episode crossing into the day from the evening before
            // counts only its part inside the day), 10 minutes in Mộ Đức.
            c.createStatement().execute("""
                    INSERT INTO congestion_event (camera_id, started_at, cleared_at, congested_minutes, peak_vehicles, lowest_flow) VALUES
                      ('jam-city', '2026-11-18 23:30+07', '2026-11-19 00:30+07', 60, 9, 0),
                      ('jam-city', '2026-11-19 07:00+07', '2026-11-19 08:00+07', 60, 12, 1),
                      ('jam-mo-duc', '2026-11-19 17:00+07', '2026-11-19 17:10+07', 10, 7, 2)""");
        }
        JsonObject map = json(get(leader, "/api/map?indicator=congestion-minutes&period=2026-11-19&parent=51&layout=pre2025"), 200);
        Map<String, JsonObject> byName = byName(map.getJsonArray("features"));
        assertThat(byName.get("Thành phố Quảng Ngãi").getDouble("value")).isEqualTo(90.0);
        assertThat(byName.get("Thành phố Quảng Ngãi").getString("status")).isEqualTo(expected("congestion-minutes", "district", 90.0));
        assertThat(byName.get("Huyện Mộ Đức").getString("status")).isEqualTo("GREEN");
        assertThat(map.getJsonObject("parent").getJsonObject("score").getDouble("value")).isEqualTo(100.0); // the province: the sum
    }

    @Test
    void in_chromium_the_map_shows_13_districts_with_statuses_and_son_ha_opens_with_its_communes() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://127.0.0.1:" + port + "/map.html?indicator=intake-digitisation&period=2023-10&parent=51");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login input[name=username]"))).sendKeys("lanhdao.51");
            browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("path[data-code]")).size() == 13);
            List<WebElement> polygons = browser.findElements(By.cssSelector("path[data-code]"));
            assertThat(polygons).hasSize(13);
            WebElement lySon = browser.findElement(By.cssSelector("path[data-code='536']"));
            WebElement baTo = browser.findElement(By.cssSelector("path[data-code='535']"));
            assertThat(lySon.getAttribute("data-status")).isEqualTo(expected("intake-digitisation", "district", 9.72));
            assertThat(baTo.getAttribute("data-status")).isEqualTo(expected("intake-digitisation", "district", 91.16));
            // Status not by colour alone: each polygon's label carries the symbol and value, its outline a dash pattern.
            assertThat(lySon.getAttribute("aria-label")).contains("9,72%").contains("Chưa đạt");
            String labels = browser.findElement(By.cssSelector(".leaflet-tooltip-pane")).getText();
            assertThat(labels).contains("✗Lý Sơn 9,72%").contains("✓Ba Tơ 91,16%");
            assertThat(lySon.getAttribute("stroke-dasharray")).isNotBlank();
            assertThat(browser.findElement(By.id("legend")).getText()).contains("Chưa đạt (< 50%)").contains("Đạt (≥ 80%)");
            // The page's Vietnamese text is set in the font the IOC serves itself, not whatever the wall PC has.
            wait.until(d -> Boolean.TRUE.equals(browser.executeScript(
                    "return [...document.fonts].some(f => f.family.includes('IOC Sans') && f.status === 'loaded')")));
            Browser.screenshot(browser, "leaders-map-quang-ngai-intake-2023-10");

            // Keyboard: Sơn Hà's polygon is focusable and opens its panel.
            browser.findElement(By.cssSelector("path[data-code='529']")).sendKeys(Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("#children tbody tr[data-code]")).size() == 14);
            assertThat(browser.findElement(By.id("panel-title")).getText()).isEqualTo("Huyện Sơn Hà");
            assertThat(browser.findElement(By.id("panel-facts")).getText()).contains("Mục tiêu").contains("80%").contains("4/13");
            assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("child-indicator"))).getFirstSelectedOption().getText())
                    .isEqualTo("Tỷ lệ hồ sơ dịch vụ công được tiếp nhận trực tuyến");
            List<WebElement> rows = browser.findElements(By.cssSelector("#children tbody tr[data-code]"));
            assertThat(rows.get(0).getText()).contains("Xã Sơn Giang").contains("72,22%");
            assertThat(rows.get(rows.size() - 1).getText()).contains("Xã Sơn Hạ").contains("2,43%");
            Browser.screenshot(browser, "leaders-map-son-ha-panel");

            // The table view holds the same data; the English toggle translates the page.
            browser.findElement(By.id("show-table")).click();
            List<WebElement> tableRows = browser.findElements(By.cssSelector("#units-table tbody tr"));
            assertThat(tableRows).hasSize(13);
            assertThat(tableRows.get(0).getText()).contains("Huyện Minh Long").contains("91,45%");
            browser.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Institutional performance map"));
            assertThat(browser.findElement(By.cssSelector("#units-table tbody tr:last-child")).getText()).contains("Act now");
            Browser.screenshot(browser, "leaders-map-table-english");
        } finally {
            browser.quit();
        }
    }

    /**
     * The status the catalog's thresholds imply, recomputed here from the YAML file itself: no thresholds at the tier,
     * no colour; a cited target reading "> 90%" needs more than 90.
     */
    String expected(String indicator, String level, Double value) {
        if (value == null) return "NO_DATA";
        for (JsonNode i : catalogYaml.get("indicators")) {
            if (!i.get("id").asText().equals(indicator)) continue;
            JsonNode all = i.path("thresholds");
            JsonNode th = all.has(level) ? all.get(level) : all.get("default");
            if (th == null) return "NO_TARGET";
            double green = th.get("green").asDouble(), red = th.get("red").asDouble();
            boolean strict = false;
            for (JsonNode t : catalogYaml.path("targets")) {
                if (t.get("id").asText().equals(th.path("cites").asText())) strict = t.path("comparison").asText().length() == 1;
            }
            if (i.get("direction").asText().equals("higher")) return (strict ? value > green : value >= green) ? "GREEN" : value < red ? "RED" : "AMBER";
            return (strict ? value < green : value <= green) ? "GREEN" : value > red ? "RED" : "AMBER";
        }
        throw new AssertionError("no indicator " + indicator);
    }

    static Map<String, JsonObject> byName(JsonArray features) {
        Map<String, JsonObject> out = new HashMap<>();
        for (Object f : features) {
            JsonObject p = ((JsonObject) f).getJsonObject("properties");
            out.put(p.getString("name"), p);
        }
        return out;
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", TestUsers.PASSWORD).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postCsv(String token, String path, String csv) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body().length() > 500 ? r.body().substring(0, 500) : r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    static String problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return new JsonObject(r.body()).getString("detail");
    }
}
