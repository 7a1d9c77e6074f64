package vn.matthan.tests;

import io.vertx.core.Vertx;
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
import vn.matthan.api.NoticeSettings;
import vn.matthan.schema.DatabaseSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wall's deterrence and vehicle-class figures and the desk's notice delivery in headless Chromium, on a real
 * PostgreSQL: qng-01 had 100 red-light runners a day until its first notice 10 days ago, 64 that day and 28 a day since;
 * in the last 30 days 700 motorbikes, 200 cars and 100 trucks ran the light there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoticeAndDeterrenceScreensTest {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String CASE = "00000000-0000-4000-8000-00000000a001";
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        LocalDate today = LocalDate.now(VIETNAM), noticeDay = today.minusDays(10);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x'),"
                    + "('qng-02', 'Cầu Trà Khúc – Đầu Bắc', '522', 15.13, 108.79, 'x')");
            TestUsers.insert(c, new String[][]{{"canbo.522", "POLICE_REVIEWER", "{522}"}});
            for (LocalDate d = today.minusDays(59); !d.isAfter(today); d = d.plusDays(1)) {
                int n = d.isBefore(noticeDay) ? 100 : d.equals(noticeDay) ? 64 : 28;
                st.execute("INSERT INTO violation_day (camera_id, unit_code, violation_type, bucket, violations) VALUES ('qng-01', '522', 'red_light', '"
                        + d.atStartOfDay(VIETNAM).toInstant() + "', " + n + ")");
            }
            String day = today.minusDays(5).atStartOfDay(VIETNAM).toInstant().toString();
            st.execute("INSERT INTO violation_class_day (camera_id, unit_code, violation_type, vehicle_class, bucket, violations) VALUES "
                    + "('qng-01', '522', 'red_light', 'motorbike', '" + day + "', 700), ('qng-01', '522', 'red_light', 'car', '" + day + "', 200),"
                    + "('qng-01', '522', 'red_light', 'truck', '" + day + "', 100)");
            // The case whose notice was the first at qng-01.
            st.execute("INSERT INTO violation_case (id, violation_type, camera_id, unit_code, occurred_at, vehicle_class, plate_read, status) VALUES "
                    + "('" + CASE + "', 'red_light', 'qng-01', '522', '" + noticeDay.minusDays(2).atTime(8, 0).atZone(VIETNAM).toInstant()
                    + "', 'motorbike', '76B1-234.56', 'NOTICE_ISSUED')");
            st.execute("INSERT INTO case_notice (case_id, pdf, sha256, issued_at, issued_by) VALUES ('" + CASE + "', '\\x25504446', 'x', '"
                    + noticeDay.atTime(10, 0).atZone(VIETNAM).toInstant() + "', 'canbo.522')");
        }
        NoticeSettings notice = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE, null, notice);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
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
    void theWallShowsTheFallAfterTheFirstNoticeMarkedOnItsChartAndTheVehicleClassesInBothLanguages() throws Exception {
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/"));
            // No sign-in needed: counts only, like the flow.
            wait.until(d -> d.findElement(By.id("deterrence-indicator")).getText().startsWith("Trước"));
            assertThat(b.findElement(By.id("deterrence-indicator")).getText())
                    .isEqualTo("Trước: 100 → sau: 28 vi phạm/camera/ngày (▼ −72 %, 1 camera)");
            assertThat(b.findElement(By.id("deterrence-indicator")).getDomAttribute("data-change")).isEqualTo("-72");
            // The chart: one line per camera over 60 days, the first notice's day marked on it.
            wait.until(d -> text(b, "deterrence-chart").contains("Thông báo đầu tiên"));
            String chart = text(b, "deterrence-chart");
            assertThat(chart).contains("Ngã tư Hùng Vương – Quang Trung", "Cầu Trà Khúc – Đầu Bắc", "vi phạm/ngày");
            wait.until(d -> d.findElements(By.cssSelector("#class-shares li")).size() == 3);
            assertThat(b.findElements(By.cssSelector("#class-shares li")).stream().map(WebElement::getText).toList())
                    .containsExactly("Xe máy 700 (70 %)", "Ô tô 200 (20 %)", "Xe tải 100 (10 %)");
            assertThat(text(b, "class-chart")).contains("Xe máy", "70 %");
            assertThat(b.findElement(By.id("figures-title")).getText()).isEqualTo("Răn đe và loại phương tiện vi phạm");
            b.executeScript("document.getElementById('figures').scrollIntoView()");
            Browser.screenshot(b, "wall-deterrence-vi");

            b.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.id("deterrence-indicator")).getText().startsWith("Before"));
            assertThat(b.findElement(By.id("deterrence-indicator")).getText())
                    .isEqualTo("Before: 100 → after: 28 violations/camera/day (▼ −72 %, 1 camera)");
            assertThat(b.findElements(By.cssSelector("#class-shares li")).get(0).getText()).isEqualTo("Motorbike 700 (70 %)");
            wait.until(d -> text(b, "deterrence-chart").contains("First notice"));
            Browser.screenshot(b, "wall-deterrence-en");
            b.findElement(By.id("lang")).click();
        } finally {
            b.quit();
        }
    }

    @Test
    void aReviewerSeesTheNoticesDeliveryStateOnTheDeskAndRecordsThatItWasPrinted() throws Exception {
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/desk.html"));
            WebElement form = b.findElement(By.id("login"));
            form.findElement(By.name("username")).sendKeys("canbo.522");
            form.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("filters")).isDisplayed() && !d.findElement(By.id("queue-count")).getText().isEmpty());
            new Select(b.findElement(By.cssSelector("#filters select[name=status]"))).selectByValue("NOTICE_ISSUED");
            b.findElement(By.cssSelector("#filters button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector("#queue li[data-case-id='" + CASE + "']")).size() == 1);
            b.findElement(By.cssSelector("#queue li[data-case-id='" + CASE + "'] button")).click();
            wait.until(d -> d.findElement(By.id("delivery")).isDisplayed());
            assertThat(b.findElement(By.id("delivery-title")).getText()).isEqualTo("Chuyển phát thông báo");
            assertThat(b.findElement(By.id("delivery-state")).getText()).isEqualTo("Đã ra thông báo · Số thông báo 00000000");

            String yesterday = LocalDate.now(VIETNAM).minusDays(1).toString();
            WebElement delivery = b.findElement(By.id("delivery-form"));
            assertThat(new Select(delivery.findElement(By.name("to"))).getOptions()).extracting(WebElement::getText).containsExactly("Đã in");
            b.executeScript("arguments[0].value = arguments[1]", delivery.findElement(By.name("on")), yesterday);
            delivery.findElement(By.name("note")).sendKeys("In tại Phòng CSGT");
            delivery.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d -> d.findElement(By.id("delivery-state")).getText().startsWith("Đã in"));
            assertThat(b.findElement(By.id("delivery-dates")).getText()).contains("Đã in", yesterday);
            assertThat(new Select(b.findElement(By.cssSelector("#delivery-form select[name=to]"))).getOptions())
                    .extracting(WebElement::getText).containsExactly("Đã gửi bưu điện");
            wait.until(d -> d.findElement(By.id("history")).getText().contains("notice.delivery ISSUED->PRINTED"));
            Browser.screenshot(b, "desk-notice-delivery");
        } finally {
            b.quit();
        }
        assertThat(column("SELECT actor || ' ' || action || ' ' || reason FROM audit_log WHERE action LIKE 'notice.delivery%'"))
                .containsExactly("canbo.522 notice.delivery ISSUED->PRINTED on " + LocalDate.now(VIETNAM).minusDays(1) + ": In tại Phòng CSGT");
    }

    /** Everything an element draws as text, SVG labels included. */
    static String text(ChromeDriver b, String id) {
        return (String) b.executeScript("return document.getElementById(arguments[0]).textContent", id);
    }

    List<String> column(String query) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
