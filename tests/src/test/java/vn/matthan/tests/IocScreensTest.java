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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.CameraStatus;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people's screens in a real headless Chromium against a real PostgreSQL and a real signed evidence package:
 * a police reviewer works a case on the review desk with the keyboard (evidence, integrity, plate zoom, plate
 * correction, confirm, notice, rejection with a listed reason) and every step is in the audit log; an IOC operator
 * signs in on the live wall and sees camera frames, health and congestion alerts, and a new violation within 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IocScreensTest {
    static final String PLATE = "51F-123.45";
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    String evidenceSha;
    vn.matthan.ingest.VideoFrame frame;
    final Instant t0 = Instant.now().minus(Duration.ofHours(20));

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        NodeKeys keys = NodeKeys.loadOrCreate(dir.resolve("keys"));
        Path evidenceRoot = dir.resolve("evidence");
        evidenceSha = CaseWorkflowApiTest.onePackage(keys, evidenceRoot, dir);
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x'),"
                    + "('qng-02', 'Cầu Trà Khúc – Đầu Bắc', '522', 15.13, 108.79, 'x')");
            TestUsers.insert(c, new String[][]{{"canbo.522", "POLICE_REVIEWER", "{522}"}, {"vanhanh", "IOC_OPERATOR", "{522}"}});
            c.createStatement().execute("INSERT INTO vehicle_registration (plate, owner_name, owner_address, vehicle_class) VALUES "
                    + "('51F12345', 'Nguyễn Văn An', '12 Hùng Vương, phường Trần Hưng Đạo, TP Quảng Ngãi', 'car')");
            // An hour of flow at the first junction, and a congestion episode there that is still open.
            c.createStatement().execute("INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages) "
                    + "SELECT 'qng-01', cls, date_trunc('minute', now()) - m * interval '1 minute', (m % 7) + 2 "
                    + "FROM generate_series(0, 59) m, unnest(ARRAY['car', 'motorbike']) cls");
            c.createStatement().execute("INSERT INTO congestion_event (camera_id, started_at, congested_minutes, peak_vehicles, lowest_flow) "
                    + "VALUES ('qng-01', date_trunc('minute', now()) - interval '6 minutes', 6, 23, 0)");
            c.setAutoCommit(false);
            ViolationCaseSink.write(c, List.of(violation(0, PLATE, evidenceSha), violation(1, "43A-555.01", evidenceSha),
                    violation(2, "43A-555.02", evidenceSha), violation(3, "43A-555.03", "0".repeat(64))));
            c.commit();
        }
        NoticeSettings notice = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        EvidenceStore store = new vn.matthan.node.PackageDirectory(evidenceRoot, EvidenceVerifier.trusting(keys));
        frame = vn.matthan.ingest.StillImage.read("qng-01", WholeIocEndToEndTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres"), 0, IocScreensTest::cameraStatus, store, notice)
                .withSnapshots(id -> id.equals("qng-01") ? Optional.of(vn.matthan.ingest.StillImage.jpeg(frame)) : Optional.empty());
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
    }

    /** The first camera streams; the second lost its signal. */
    static CameraStatus cameraStatus(String id) {
        return id.equals("qng-01") ? new CameraStatus("STREAMING", new CameraStatus.Counters(25.0, 5.0, 250, 50, 0, 0, 0, 40, 12, 3), null)
                : new CameraStatus("FAILED", null, "không kết nối được rtsp://10.0.0.2/live (Connection refused)");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    static String id(int i) {
        return new UUID(0x5678L, 2000 + i).toString();
    }

    byte[] violation(int i, String plate, String sha) {
        return EventJson.toBytes(new ViolationDetected(1, id(i), "red_light", "red_light:stop", "crossed_on_red", "qng-01", "522",
                t0.plusSeconds(600L * i), "stop", "car", i, "red", 1.5, null, false, List.of(600.0, 250.0, 680.0, 330.0),
                plate, 0.96, false, sha == null ? null : "evidence:sha256:" + sha, sha, "v1#abc"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static void signIn(ChromeDriver b, String user) {
        WebElement form = b.findElement(By.id("login"));
        form.findElement(By.name("username")).sendKeys(user);
        form.findElement(By.name("password")).sendKeys(TestUsers.PASSWORD, Keys.ENTER);
    }

    /** Presses keys on the page as a reviewer would (no element focused in particular). */
    static void press(ChromeDriver b, CharSequence... keys) {
        new Actions(b).sendKeys(keys).perform();
    }

    List<String> audit(String target) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT actor || ' ' || action || coalesce(' ' || reason, '') FROM audit_log "
                     + "WHERE target = '" + target + "' ORDER BY seq")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    String status(String id) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT status FROM violation_case WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aReviewerConfirmsACaseIssuesTheNoticeAndDownloadsItByKeyboard() throws Exception {
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeDriver b = Browser.start(downloads);
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/desk.html"));
            signIn(b, "canbo.522");
            // The queue of the reviewer's unit, oldest first: the four cases awaiting review.
            wait.until(d -> d.findElements(By.cssSelector("#queue li")).size() == 4);
            assertThat(b.findElement(By.cssSelector("#queue li")).getText()).contains("Vượt đèn đỏ", PLATE, "Chờ xét duyệt");
            // Enter opens the focused (first) case.
            press(b, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("integrity")).getText().contains("Chứng cứ nguyên vẹn"));
            assertThat(b.findElement(By.id("case-title")).getText()).contains("Vượt đèn đỏ", "Ngã tư Hùng Vương");
            // The stills and crops load from the signed package; the clip's metadata arrives by byte ranges.
            for (String img : List.of("still-1", "still-2", "still-3", "plate-img", "vehicle-img")) {
                wait.until(d -> ((Number) b.executeScript("return document.getElementById(arguments[0]).naturalWidth", img)).intValue() > 0);
            }
            wait.until(d -> ((Number) b.executeScript("return document.getElementById('clip').readyState")).intValue() >= 1);
            assertThat(((Number) b.executeScript("return document.getElementById('clip').duration")).doubleValue()).isGreaterThan(1.0);
            // Zoom into the plate from the keyboard.
            double before = ((Number) b.executeScript("return document.getElementById('plate-img').getBoundingClientRect().width")).doubleValue();
            press(b, "++");
            double after = ((Number) b.executeScript("return document.getElementById('plate-img').getBoundingClientRect().width")).doubleValue();
            assertThat(after).isGreaterThan(before * 2);
            Browser.screenshot(b, "desk-case-evidence");

            // C asks, Enter confirms.
            press(b, "c");
            wait.until(d -> !d.findElements(By.cssSelector(".ask .yes")).isEmpty());
            press(b, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("case-status")).getText().contains("Đã xác nhận"));
            wait.until(d -> d.findElement(By.id("history")).getText().contains("case.status PENDING_REVIEW->CONFIRMED"));
            assertThat(b.findElement(By.id("history")).getText()).contains("canbo.522");
            assertThat(status(id(0))).isEqualTo("CONFIRMED");
            assertThat(b.findElement(By.cssSelector("#queue li[data-case-id='" + id(0) + "']")).getText()).contains("Đã xác nhận");
            Browser.screenshot(b, "desk-confirmed");

            // N issues the notice; D downloads it.
            press(b, "n");
            wait.until(d -> !d.findElements(By.cssSelector(".ask .yes")).isEmpty());
            press(b, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("case-status")).getText().contains("Đã gửi thông báo"));
            wait.until(d -> d.findElement(By.id("act-download")).isDisplayed());
            press(b, "d");
            Path pdf = downloads.resolve("thong-bao-" + id(0) + ".pdf");
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(15), () -> Files.exists(pdf) && Files.size(pdf) > 1000);
            byte[] bytes = Files.readAllBytes(pdf);
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            try (var doc = org.apache.pdfbox.Loader.loadPDF(bytes)) {
                assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains(PLATE).contains("Nguyễn Văn An");
            }
            Browser.screenshot(b, "desk-notice-issued");
            assertThat(audit("case:" + id(0))).containsSubsequence("system:stream-jobs case.opened red_light at camera qng-01", "canbo.522 case.viewed",
                    "canbo.522 evidence.viewed still-1-before.jpg", "canbo.522 case.status PENDING_REVIEW->CONFIRMED",
                    "canbo.522 case.status CONFIRMED->NOTICE_ISSUED", "canbo.522 notice.downloaded");
        } finally {
            b.quit();
        }
    }

    @Test
    void aReviewerCorrectsAPlateKeepingTheReadAndRejectsAnotherCaseWithAListedReason() throws Exception {
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/desk.html"));
            signIn(b, "canbo.522");
            wait.until(d -> d.findElements(By.cssSelector("#queue li[data-case-id='" + id(1) + "']")).size() == 1);
            b.findElement(By.cssSelector("#queue li[data-case-id='" + id(1) + "'] button")).click();
            wait.until(d -> d.findElement(By.id("integrity")).getText().contains("Chứng cứ nguyên vẹn"));
            // P opens the correction with the read plate filled in.
            press(b, "p");
            WebElement plate = b.findElement(By.cssSelector("#plate-form [name=plate]"));
            wait.until(d -> plate.isDisplayed());
            plate.clear();
            plate.sendKeys("43A-555.10", Keys.TAB);
            new Actions(b).sendKeys("ảnh cho thấy số cuối là 10", Keys.ENTER).perform();
            wait.until(d -> d.findElement(By.id("facts")).getText().contains("Biển số đã sửa\n43A-555.10"));
            assertThat(b.findElement(By.id("facts")).getText()).contains("43A-555.01");  // the read is kept
            assertThat(audit("case:" + id(1))).anySatisfy(a -> assertThat(a)
                    .isEqualTo("canbo.522 case.plate_corrected read 43A-555.01, corrected to 43A-555.10: ảnh cho thấy số cuối là 10"));

            // J moves to the next case; R, 2 (priority vehicle), Enter rejects it.
            new Actions(b).sendKeys(Keys.ESCAPE).perform();
            b.findElement(By.id("act-next")).click();
            wait.until(d -> d.findElement(By.cssSelector("#queue li.open")).getAttribute("data-case-id").equals(id(2)));
            wait.until(d -> d.findElement(By.id("integrity")).getText().contains("Chứng cứ nguyên vẹn"));
            press(b, "r");
            wait.until(d -> d.findElement(By.id("reject-form")).isDisplayed());
            press(b, "2");
            press(b, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("case-status")).getText().contains("Đã bác bỏ"));
            assertThat(b.findElement(By.id("case-status")).getText()).contains("Xe ưu tiên đang làm nhiệm vụ");
            assertThat(status(id(2))).isEqualTo("REJECTED");
            assertThat(audit("case:" + id(2))).contains("canbo.522 case.status PENDING_REVIEW->REJECTED Xe ưu tiên đang làm nhiệm vụ");
            Browser.screenshot(b, "desk-rejected");
            // A case whose package is not on the server: said in words, and it cannot be confirmed.
            b.findElement(By.cssSelector("#queue li[data-case-id='" + id(3) + "'] button")).click();
            wait.until(d -> d.findElement(By.id("integrity")).getText().contains("Không tìm thấy gói chứng cứ"));
            assertThat(b.findElement(By.id("act-confirm")).isEnabled()).isFalse();
            assertThat(b.findElement(By.id("act-reject")).isEnabled()).isTrue();
            // The queue filtered to rejected red-light cases of the last two days holds exactly that case.
            new org.openqa.selenium.support.ui.Select(b.findElement(By.cssSelector("#filters [name=status]"))).selectByValue("REJECTED");
            new org.openqa.selenium.support.ui.Select(b.findElement(By.cssSelector("#filters [name=type]"))).selectByValue("red_light");
            b.executeScript("document.querySelector('#filters [name=from]').value = arguments[0]",
                    java.time.LocalDateTime.now().minusDays(2).withNano(0).withSecond(0).toString());
            b.findElement(By.cssSelector("#filters button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector("#queue li")).size() == 1
                    && id(2).equals(d.findElement(By.cssSelector("#queue li")).getAttribute("data-case-id")));
            press(b, Keys.ENTER);
            wait.until(d -> d.findElement(By.id("case-status")).getText().contains("Đã bác bỏ"));

            // The desk in English: the same case, every action still reachable by Tab.
            b.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Violation review desk"));
            assertThat(b.findElement(By.id("case-status")).getText()).contains("Rejected");
            assertThat(b.findElement(By.id("act-close")).getText()).isEqualTo("Close case (X)");
            List<String> reached = new ArrayList<>();
            b.findElement(By.id("lang")).sendKeys("");  // focus starts in the header
            for (int i = 0; i < 60; i++) {
                press(b, Keys.TAB);
                reached.add(String.valueOf(b.executeScript("return document.activeElement.id || document.activeElement.textContent")));
            }
            assertThat(reached).contains("act-close", "zoom-in", "zoom-out");
        } finally {
            b.quit();
        }
    }

    @Test
    void anOperatorOnTheWallSeesFramesHealthCongestionAndANewViolationWithinTwoSeconds() throws Exception {
        ChromeDriver b = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(20));
            b.get(url("/"));
            wait.until(d -> d.findElement(By.id("conn")).getText().equals("Trực tiếp"));
            b.findElement(By.id("signin-open")).click();
            signIn(b, "vanhanh");
            wait.until(d -> d.findElement(By.id("who")).getText().equals("vanhanh"));
            By tile1 = By.cssSelector(".tile[data-camera='qng-01']");
            // The latest frame, as the camera's pipeline holds it.
            wait.until(d -> ((Number) b.executeScript("const i = document.querySelector(\".tile[data-camera='qng-01'] .frame img\");"
                    + " return i && !i.hidden ? i.naturalWidth : 0")).intValue() == frame.width());
            // Health and congestion, in words and symbols as well as colour.
            wait.until(d -> d.findElement(tile1).getText().contains("Ùn tắc từ"));
            assertThat(b.findElement(tile1).getText()).contains("▶ Đang truyền", "23 xe");
            assertThat(b.findElement(By.cssSelector(".tile[data-camera='qng-02']")).getText()).contains("✘ Mất tín hiệu");
            String alerts = b.findElement(By.id("alert-list")).getText();
            assertThat(alerts).contains("Cầu Trà Khúc – Đầu Bắc", "Connection refused").contains("Ngã tư Hùng Vương – Quang Trung: ⛔ Ùn tắc");
            // The hour of flow drawn by ECharts: 60 bars per class.
            assertThat(((Number) b.executeScript("return document.querySelectorAll(\".tile[data-camera='qng-01'] .chart svg path\").length")).intValue())
                    .isGreaterThanOrEqualTo(100);
            Thread.sleep(500); // the violation stream is open too

            String id = UUID.randomUUID().toString();
            Instant event = Instant.now();
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                c.setAutoCommit(false);
                ViolationCaseSink.write(c, List.of(EventJson.toBytes(new ViolationDetected(1, id, "red_light", "red_light:stop", "crossed_on_red",
                        "qng-01", "522", event, "stop", "car", 9, "red", 0.8, null, false, List.of(600.0, 250.0, 680.0, 330.0),
                        "43A-777.77", 0.97, false, "evidence:sha256:" + evidenceSha, evidenceSha, "v1#abc"))));
                c.commit();
            }
            By item = By.cssSelector("#violations li[data-case-id='" + id + "']");
            new WebDriverWait(b, Duration.ofSeconds(2)).until(d -> !d.findElements(item).isEmpty());
            long ms = Duration.between(event, Instant.now()).toMillis();
            assertThat(ms).as("from the violation event to the wall, ms").isLessThan(2000);
            assertThat(b.findElement(item).getText()).contains("Vượt đèn đỏ", "Ngã tư Hùng Vương", "có hồ sơ chứng cứ").doesNotContain("43A");
            // Its thumbnail: the violation still, small.
            wait.until(d -> ((Number) b.executeScript("const i = document.querySelector(\"#violations li[data-case-id='" + id + "'] img\");"
                    + " return i ? i.naturalWidth : 0")).intValue() == 320);
            Browser.screenshot(b, "wall-operator");
            // A laptop window: tiles fall into one column, nothing cut off.
            b.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
            Thread.sleep(300);
            assertThat(((Number) b.executeScript("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(1280);
            Browser.screenshot(b, "wall-laptop");
            // A 4K wall screen: several tiles per row.
            b.manage().window().setSize(new org.openqa.selenium.Dimension(3840, 2160));
            Thread.sleep(300);
            long rowY = ((Number) b.executeScript("return document.querySelector(\".tile[data-camera='qng-01']\").getBoundingClientRect().top")).longValue();
            long rowY2 = ((Number) b.executeScript("return document.querySelector(\".tile[data-camera='qng-02']\").getBoundingClientRect().top")).longValue();
            assertThat(rowY2).isEqualTo(rowY);
            Browser.screenshot(b, "wall-4k");
            b.findElement(By.id("lang")).click();
            wait.until(d -> d.findElement(By.id("conn")).getText().equals("Live"));
            assertThat(b.findElement(By.id("alert-list")).getText()).contains("Congested since");
        } finally {
            b.quit();
        }
    }
}
