package vn.matthan.tests;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.detection.evidence.EvidenceVerifier;
import vn.matthan.detection.evidence.NodeKeys;
import vn.matthan.events.EventJson;
import vn.matthan.events.ViolationDetected;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.ViolationCaseSink;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vehicle registry on a real PostgreSQL, from the registration authority's CSV to the citizen: every kind of bad
 * row is named by its line while the good rows are kept; a re-import updates periods without losing what was stored
 * before; the notice of an imported vehicle names the owner registered on the day of the violation; its QR code opens
 * the public lookup page, which shows the case in a real Chromium on a phone (390×844) and a desktop (1280×800) with
 * the scene in which only the violating vehicle is sharp; the review desk's case shows the registered vehicle and
 * flags a plate registered to a motorbike read on a car.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryImportTest {
    static final String HEADER = "plate,owner_name,owner_address,vehicle_type,colour,brand,valid_from,valid_to\n";
    @TempDir
    static Path dir;
    EmbeddedPostgres pg;
    Vertx vertx;
    int port;
    String evidenceSha, admin, reviewer;
    NoticeSettings notice;
    final HttpClient http = HttpClient.newHttpClient();
    /** In An's registration period (he sold the car on 30/06/2026), and in Bích's after it. */
    static final Instant DURING_AN = Instant.parse("2026-05-10T03:00:00Z"), DURING_BICH = Instant.parse("2026-08-01T02:30:00Z");

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        NodeKeys keys = NodeKeys.loadOrCreate(dir.resolve("keys"));
        Path evidenceRoot = dir.resolve("evidence");
        evidenceSha = CaseWorkflowApiTest.onePackage(keys, evidenceRoot, dir);
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x')");
            TestUsers.insert(c, new String[][]{{"quantri", "ADMIN", "{}"}, {"canbo.522", "POLICE_REVIEWER", "{522}"},
                    {"lanhdao", "LEADER", "{522}"}});
            c.setAutoCommit(false);
            ViolationCaseSink.write(c, List.of(violation(0, "51F-123.45", "car", DURING_AN), violation(1, "51F-123.45", "car", DURING_BICH),
                    violation(2, "76-C1 234.56", "car", DURING_AN)));
            c.commit();
        }
        // The notice's QR code points at this very server, so the test follows it as a phone would.
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NoticeSettings configured = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        assertThat(configured.lookupFor("51F12345")).as("the configured QR target is the lookup page with the plate filled in")
                .endsWith("/tra-cuu.html?bien-so=51F12345");
        notice = new NoticeSettings(configured.authority(), configured.place(), configured.legalBasis(),
                "http://127.0.0.1:" + port + "/tra-cuu.html?bien-so=", configured.instructions(), configured.fontFile());
        EvidenceStore store = new vn.matthan.node.PackageDirectory(evidenceRoot, EvidenceVerifier.trusting(keys));
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), port, vn.matthan.api.CameraStatusSource.NONE, store, notice);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        admin = login("quantri");
        reviewer = login("canbo.522");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (pg != null) pg.close();
    }

    static String id(int i) {
        return new UUID(0x9abcL, 3000 + i).toString();
    }

    byte[] violation(int i, String plate, String vehicleClass, Instant at) {
        return EventJson.toBytes(new ViolationDetected(1, id(i), "red_light", "red_light:stop", "crossed_on_red", "qng-01", "522",
                at, "stop", vehicleClass, i, "red", 1.5, null, false, List.of(600.0, 250.0, 680.0, 330.0),
                plate, 0.96, false, "evidence:sha256:" + evidenceSha, evidenceSha, "v1#abc"));
    }

    // ---- the import ----

    /** Two good rows and one of each kind of bad row; a line break inside a quoted field keeps the line numbers true. */
    static final String FIRST_EXPORT = HEADER
            + "51F-123.45,Nguyễn Văn An,\"12 Hùng Vương, TP Quảng Ngãi\",ô tô,trắng,Toyota Vios,2020-03-01,\n"          // 2
            + "76-C1 234.56,Lê Thị Cúc,\"5 Quang Trung, TP Quảng Ngãi\",xe máy,đỏ,Honda Wave,15/08/2021,\n"             // 3
            + "76A-111.11,Phạm Văn Dũng,Quảng Ngãi,car,xanh,Kia Morning,2021-01-01\n"                                  // 4
            + "76A-111.12,Phạm Văn Dũng,Quảng Ngãi,car,xanh,Kia Morning,2021-01-01,,thừa\n"                            // 5
            + ",Phạm Văn Dũng,Quảng Ngãi,car,,,2021-01-01,\n"                                                         // 6
            + "76A-12,Phạm Văn Dũng,Quảng Ngãi,car,,,2021-01-01,\n"                                                   // 7
            + "AB-123.45,Phạm Văn Dũng,Quảng Ngãi,car,,,2021-01-01,\n"                                                // 8
            + "13A-123.45,Phạm Văn Dũng,Quảng Ngãi,car,,,2021-01-01,\n"                                               // 9
            + "76I-123.45,Phạm Văn Dũng,Quảng Ngãi,car,,,2021-01-01,\n"                                               // 10
            + "76A-022.22,Phạm Văn Dũng,Quảng Ngãi,xe máy,,,2021-01-01,\n"                                            // 11
            + "76-C1 333.33,Phạm Văn Dũng,Quảng Ngãi,ô tô,,,2021-01-01,\n"                                            // 12
            + "76A-444.01,,Quảng Ngãi,car,,,2021-01-01,\n"                                                            // 13
            + "76A-444.02,12345,Quảng Ngãi,car,,,2021-01-01,\n"                                                       // 14
            + "76A-444.03," + "Đ".repeat(201) + ",Quảng Ngãi,car,,,2021-01-01,\n"                                    // 15
            + "76A-444.04,Phạm Văn Dũng,,car,,,2021-01-01,\n"                                                         // 16
            + "76A-444.05,Phạm Văn Dũng," + "Q".repeat(301) + ",car,,,2021-01-01,\n"                                 // 17
            + "76A-444.06,Phạm Văn Dũng,Quảng Ngãi,,,,2021-01-01,\n"                                                  // 18
            + "76A-444.07,Phạm Văn Dũng,Quảng Ngãi,máy cày,,,2021-01-01,\n"                                           // 19
            + "76A-444.08,Phạm Văn Dũng,Quảng Ngãi,xe đạp,,,2021-01-01,\n"                                            // 20
            + "76A-444.09,Phạm Văn Dũng,Quảng Ngãi,car," + "x".repeat(41) + ",,2021-01-01,\n"                         // 21
            + "76A-444.10,Phạm Văn Dũng,Quảng Ngãi,car,,\"" + "y".repeat(61) + "\",2021-01-01,\n"                     // 22
            + "76A-444.11,Phạm Văn Dũng,\"12 Hùng Vương\nQuảng Ngãi\",car,,,2021-01-01,\n"                           // 23-24
            + "76A-444.12,Phạm Văn Dũng,Quảng Ngãi,car,,,,\n"                                                         // 25
            + "76A-444.13,Phạm Văn Dũng,Quảng Ngãi,car,,,2021/01/01,\n"                                               // 26
            + "76A-444.14,Phạm Văn Dũng,Quảng Ngãi,car,,,2021-02-30,\n"                                               // 27
            + "76A-444.15,Phạm Văn Dũng,Quảng Ngãi,car,,,1949-12-31,\n"                                               // 28
            + "76A-444.16,Phạm Văn Dũng,Quảng Ngãi,car,,,2099-01-01,\n"                                               // 29
            + "76A-444.17,Phạm Văn Dũng,Quảng Ngãi,car,,,2021-01-01,mãi mãi\n"                                        // 30
            + "76A-444.18,Phạm Văn Dũng,Quảng Ngãi,car,,,2022-05-01,2022-04-30\n"                                     // 31
            + "51F12345,Nguyễn Văn An,Quảng Ngãi,ô tô,,,2020-03-01,\n"                                                // 32
            + "76C123456,Lê Thị Cúc,Quảng Ngãi,xe máy,,,2023-01-01,2023-12-31\n";                                    // 33

    @Test
    @Order(1)
    void everyKindOfBadRowIsNamedByItsLineAndTheGoodRowsAreKept() throws Exception {
        HttpResponse<String> r = importCsv(admin, FIRST_EXPORT);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getInteger("accepted")).isEqualTo(2);
        assertThat(body.getInteger("added")).isEqualTo(2);
        List<String> rejected = new ArrayList<>();
        for (Object o : body.getJsonArray("rejected")) rejected.add(((JsonObject) o).getLong("line") + ": " + ((JsonObject) o).getString("reason"));
        assertThat(rejected).containsExactly(
                "4: expected 8 fields, found 7 (a column is missing)",
                "5: expected 8 fields, found 9 (an unquoted comma?)",
                "6: plate: missing",
                "7: plate: a plate has 7 to 9 letters and digits, '76A-12' has 5",
                "8: plate: a plate begins with the 2-digit province code",
                "9: plate: no province has the code 13",
                "10: plate: '76I-123.45' is not a Vietnamese plate (province, series, 4 or 5 digits)",
                "11: plate: '76A-022.22' is a car plate, the row registers a motorbike",
                "12: plate: '76-C1 333.33' is a motorbike plate, the row registers a car",
                "13: owner_name: missing",
                "14: owner_name: '12345' has no letters",
                "15: owner_name: 201 characters, at most 200",
                "16: owner_address: missing",
                "17: owner_address: 301 characters, at most 300",
                "18: vehicle_type: missing",
                "19: vehicle_type: unknown 'máy cày' (car, motorbike, bus, truck or ô tô, xe máy, ô tô khách, ô tô tải)",
                "20: vehicle_type: a bicycle carries no registration plate",
                "21: colour: 41 characters, at most 40",
                "22: brand: 61 characters, at most 60",
                "23: owner_address: contains a line break or control character",
                "25: valid_from: missing",
                "26: valid_from: '2021/01/01' is not a date (2024-07-01 or 01/07/2024)",
                "27: valid_from: '2021-02-30' is not a day of the calendar",
                "28: valid_from: 1949-12-31 is before 1950, not a registration date",
                "29: valid_from: 2099-01-01 is in the future",
                "30: valid_to: 'mãi mãi' is not a date (2024-07-01 or 01/07/2024)",
                "31: valid_to 2022-04-30 is before valid_from 2022-05-01",
                "32: plate 51F12345 from 2020-03-01 is already on line 2",
                "33: the period 2023-01-01 – 2023-12-31 of plate 76C123456 overlaps 2021-08-15 – open on line 3");
        assertThat(versions("51F12345")).containsExactly("Nguyễn Văn An|12 Hùng Vương, TP Quảng Ngãi|car|2020-03-01|open|current");
        assertThat(versions("76C123456")).containsExactly("Lê Thị Cúc|5 Quang Trung, TP Quảng Ngãi|motorbike|2021-08-15|open|current");
        assertThat(audit()).containsExactly("quantri ADMIN registry.import api:quantri:xuat-khau.csv: 2 rows taken: 2 new, 0 updated, "
                + "0 unchanged, 0 closed by a later registration; 29 rows rejected");
    }

    @Test
    @Order(2)
    void aReImportUpdatesAndClosesPeriodsKeepingEveryEarlierVersion() throws Exception {
        HttpResponse<String> r = importCsv(admin, HEADER
                + "51F-123.45,Trần Thị Bích,\"88 Lê Lợi, TP Quảng Ngãi\",ô tô,trắng,Toyota Vios,2026-07-01,\n"     // 2: the car was sold
                + "76-C1 234.56,Lê Thị Cúc,\"17 Phan Đình Phùng, TP Quảng Ngãi\",xe máy,đỏ,Honda Wave,2021-08-15,\n" // 3: she moved
                + "51F-123.45,Hồ Văn Em,Quảng Ngãi,ô tô,,,2019-01-01,2021-12-31\n");                                  // 4: contradicts An's
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(List.of(body.getInteger("accepted"), body.getInteger("added"), body.getInteger("updated"), body.getInteger("unchanged"),
                body.getInteger("closed"))).containsExactly(2, 1, 1, 0, 1);
        assertThat(body.getJsonArray("rejected")).containsExactly(new JsonObject().put("line", 4).put("reason",
                "the period 2019-01-01 – 2021-12-31 of plate 51F12345 overlaps the stored registration 2020-03-01 – open (Nguyễn Văn An); "
                        + "send that period too if it changed"));
        // Nothing is lost: An's open period is kept as superseded beside its closed version, Cúc's old address too.
        assertThat(versions("51F12345")).containsExactly(
                "Nguyễn Văn An|12 Hùng Vương, TP Quảng Ngãi|car|2020-03-01|open|superseded",
                "Nguyễn Văn An|12 Hùng Vương, TP Quảng Ngãi|car|2020-03-01|2026-06-30|current",
                "Trần Thị Bích|88 Lê Lợi, TP Quảng Ngãi|car|2026-07-01|open|current");
        assertThat(versions("76C123456")).containsExactly(
                "Lê Thị Cúc|5 Quang Trung, TP Quảng Ngãi|motorbike|2021-08-15|open|superseded",
                "Lê Thị Cúc|17 Phan Đình Phùng, TP Quảng Ngãi|motorbike|2021-08-15|open|current");
        assertThat(audit()).hasSize(2).last().isEqualTo("quantri ADMIN registry.import api:quantri:xuat-khau.csv: 2 rows taken: 1 new, "
                + "1 updated, 0 unchanged, 1 closed by a later registration; 1 rows rejected");
        // The same file again changes nothing.
        JsonObject again = new JsonObject(importCsv(admin, HEADER
                + "76-C1 234.56,Lê Thị Cúc,\"17 Phan Đình Phùng, TP Quảng Ngãi\",xe máy,đỏ,Honda Wave,2021-08-15,\n").body());
        assertThat(List.of(again.getInteger("added"), again.getInteger("updated"), again.getInteger("unchanged"))).containsExactly(0, 0, 1);
        assertThat(versions("76C123456")).hasSize(2);
        // The table itself refuses to forget.
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThatThrownBy(() -> c.createStatement().execute("DELETE FROM vehicle_registration WHERE plate = '51F12345'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("keeps its history");
            assertThatThrownBy(() -> c.createStatement().execute("UPDATE vehicle_registration SET owner_name = 'X' WHERE plate = '51F12345'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("keeps its history");
        }
    }

    @Test
    @Order(3)
    void onlyAnAdminImportsAndAFileWithoutAGoodRowOrHeaderIsRefusedWhole() throws Exception {
        assertThat(importCsv(null, HEADER).statusCode()).isEqualTo(401);
        assertThat(importCsv(login("canbo.522"), HEADER).statusCode()).isEqualTo(403);
        assertThat(importCsv(login("lanhdao"), HEADER).statusCode()).isEqualTo(403);
        HttpResponse<String> noHeader = importCsv(admin, "plate,owner_name\n51F-123.45,An\n");
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(noHeader.body()).getString("detail")).isEqualTo("the header lacks column 'owner_address'");
        HttpResponse<String> unknown = importCsv(admin, HEADER.replace("brand", "model"));
        assertThat(new JsonObject(unknown.body()).getString("detail")).startsWith("unknown column 'model'");
        HttpResponse<String> allBad = importCsv(admin, HEADER + "13A-123.45,An,Quảng Ngãi,car,,,2021-01-01,\n");
        assertThat(allBad.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(allBad.body()).getJsonArray("rejected")).containsExactly(
                new JsonObject().put("line", 2).put("reason", "plate: no province has the code 13"));
        assertThat(audit()).as("refused files write nothing").hasSize(3);
    }

    @Test
    @Order(4)
    void tenThousandRowsAreImportedAndReImportedInOneGo() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10_000; i++) {
            String serial = String.format("%05d", i);
            if (i % 2 == 0) csv.append("43A-").append(serial, 0, 3).append('.').append(serial, 3, 5).append(",Chủ xe số ").append(i)
                    .append(",\"").append(i).append(" Nguyễn Huệ, phường Hải Châu, TP Đà Nẵng\",ô tô,bạc,Hyundai Accent,2022-01-01,\n");
            else csv.append("43-B1 ").append(serial, 0, 3).append('.').append(serial, 3, 5).append(",Chủ xe số ").append(i)
                    .append(",\"").append(i).append(" Trần Phú, phường Hải Châu, TP Đà Nẵng\",xe máy,đen,Honda Vision,01/01/2022,\n");
        }
        long t = System.nanoTime();
        JsonObject first = new JsonObject(importCsv(admin, csv.toString()).body());
        long firstMs = (System.nanoTime() - t) / 1_000_000;
        t = System.nanoTime();
        JsonObject second = new JsonObject(importCsv(admin, csv.toString()).body());
        long secondMs = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("registry import of 10,000 rows: %d ms; the same file again: %d ms%n", firstMs, secondMs);
        assertThat(first.getInteger("added")).as(first.encode().substring(0, Math.min(600, first.encode().length()))).isEqualTo(10_000);
        assertThat(first.getJsonArray("rejected")).isEmpty();
        assertThat(second.getInteger("unchanged")).isEqualTo(10_000);
        assertThat(versions("43B109999")).containsExactly("Chủ xe số 9999|9999 Trần Phú, phường Hải Châu, TP Đà Nẵng|motorbike|2022-01-01|open|current");
    }

    // ---- from the registry to the citizen ----

    @Test
    @Order(5)
    void theNoticeNamesTheOwnerOnTheDayOfTheViolationAndItsQrOpensTheLookupPageOnAPhoneAndADesktop() throws Exception {
        for (String c : List.of(id(0), id(1))) {
            assertThat(move(c, "CONFIRMED").statusCode()).isEqualTo(200);
            assertThat(move(c, "NOTICE_ISSUED").statusCode()).isEqualTo(200);
        }
        String an = pdfText(id(0)), bich = pdfText(id(1));
        assertThat(an).contains("Nguyễn Văn An", "12 Hùng Vương, TP Quảng Ngãi").doesNotContain("Trần Thị Bích", "Chưa xác định");
        assertThat(bich).contains("Trần Thị Bích", "88 Lê Lợi, TP Quảng Ngãi").doesNotContain("Nguyễn Văn An");
        String url = qr(id(0));
        assertThat(url).isEqualTo("http://127.0.0.1:" + port + "/tra-cuu.html?bien-so=51F12345");

        ChromeDriver b = Browser.start();
        try {
            for (Dimension size : List.of(new Dimension(390, 844), new Dimension(1280, 800))) {
                b.manage().window().setSize(size);
                b.get(url);
                WebDriverWait wait = new WebDriverWait(b, Duration.ofSeconds(10));
                wait.until(d -> d.findElements(By.cssSelector("#violations li.violation")).size() == 2);
                assertThat(b.findElement(By.id("plate")).getDomProperty("value")).as("the plate filled in from the QR's address").isEqualTo("51F12345");
                assertThat(b.findElement(By.id("results-title")).getText()).isEqualTo("Biển số 51F12345: 2 vi phạm");
                List<WebElement> items = b.findElements(By.cssSelector("#violations li.violation"));
                assertThat(items.get(0).getDomAttribute("data-id")).isEqualTo(id(1));
                assertThat(items.get(1).getDomAttribute("data-id")).isEqualTo(id(0));
                assertThat(items.get(1).findElement(By.tagName("h3")).getText()).isEqualTo("Vượt đèn đỏ");
                assertThat(items.get(1).findElement(By.cssSelector(".time")).getText()).isEqualTo("10/05/2026 10:00");
                assertThat(items.get(1).findElement(By.cssSelector(".place")).getText()).isEqualTo("Ngã tư Hùng Vương – Quang Trung");
                assertThat(items.get(1).findElement(By.cssSelector(".status")).getText()).isEqualTo("✉ Đã gửi thông báo");
                wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                        "return [...document.querySelectorAll('img.scene')].every(i => i.complete && i.naturalWidth > 0)"));
                assertThat(b.findElement(By.id("howto")).isDisplayed()).isTrue();
                assertThat(b.findElement(By.id("instructions")).getText()).isEqualTo(notice.instructions());
                assertThat(b.findElement(By.id("authority")).getText()).isEqualTo(notice.authority());
                assertThat(b.getPageSource()).doesNotContain("Nguyễn Văn An", "Trần Thị Bích", evidenceSha);
                Long overflow = (Long) b.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow).as("no sideways scrolling at " + size).isLessThanOrEqualTo(0L);
                Browser.screenshot(b, "tra-cuu-" + size.width + "x" + size.height);
            }
            // English on request; the notice's wording stays as the authority wrote it.
            b.findElement(By.id("lang")).click();
            assertThat(b.findElement(By.id("results-title")).getText()).isEqualTo("Plate 51F12345: 2 violations");
            b.findElement(By.id("lang")).click();
        } finally {
            b.quit();
        }
    }

    /**
     * The public scene is the violation still without its data bar, with only the violating vehicle's box sharp: the
     * rest is flat blocks, so no other plate can be read. It needs the case's plate; a case not decided shows nothing.
     */
    @Test
    @Order(6)
    void thePublicSceneShowsOnlyTheViolatingVehicleSharp() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/public/violations/" + id(0) + "/scene.jpg?plate=51F-123.45")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage scene = ImageIO.read(new ByteArrayInputStream(r.body()));
        Path stillFile = dir.resolve("evidence").resolve(evidenceSha.substring(0, 2)).resolve(evidenceSha).resolve("still-2-violation.jpg");
        BufferedImage still = ImageIO.read(stillFile.toFile());
        double scale = 640.0 / still.getWidth();
        assertThat(scene.getWidth()).isEqualTo(640);
        assertThat(scene.getHeight()).as("the data bar is cut off").isEqualTo((int) Math.round(
                (still.getHeight() - vn.matthan.events.EvidenceStill.dataBarHeight(still.getWidth())) * scale));
        // Outside the box (600,250)-(680,330): blocks of width/48 source pixels, each flat; inside: the scene's detail.
        double outside = detail(scene, 0, 0, (int) (560 * scale), scene.getHeight()), inside = detail(scene, (int) (606 * scale),
                (int) (256 * scale), (int) (674 * scale), (int) (324 * scale));
        assertThat(outside).as("pixelated away from the vehicle").isLessThan(inside);
        for (String wrong : List.of("/api/public/violations/" + id(0) + "/scene.jpg?plate=51F-999.99",
                "/api/public/violations/" + id(2) + "/scene.jpg?plate=76-C1 234.56")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url(wrong.replace(" ", "%20")))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(wrong).isEqualTo(404);
        }
    }

    @Test
    @Order(7)
    void theDeskShowsTheRegisteredVehicleAndFlagsAMotorbikePlateReadOnACar() throws Exception {
        JsonObject mismatch = new JsonObject(get(reviewer, "/api/cases/" + id(2)).body());
        assertThat(mismatch.getString("vehicle_class")).isEqualTo("car");
        assertThat(mismatch.getJsonObject("registered")).isEqualTo(new JsonObject().put("vehicle_class", "motorbike")
                .put("vehicle_vi", "Xe mô tô, xe gắn máy").put("brand", "Honda Wave").put("colour", "đỏ"));
        assertThat(mismatch.getBoolean("registered_mismatch")).isTrue();
        JsonObject same = new JsonObject(get(reviewer, "/api/cases/" + id(0)).body());
        assertThat(same.getJsonObject("registered").getString("vehicle_class")).isEqualTo("car");
        assertThat(same.getBoolean("registered_mismatch")).isFalse();

        ChromeDriver b = Browser.start();
        try {
            b.manage().window().setSize(new Dimension(1600, 900));
            b.get(url("/desk.html"));
            IocScreensTest.signIn(b, "canbo.522");
            new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#queue li")).isEmpty());
            b.findElement(By.cssSelector("#queue li[data-case-id='" + id(2) + "']")).click();
            WebElement warning = new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> {
                WebElement w = d.findElement(By.id("registry-warning"));
                return w.isDisplayed() ? w : null;
            });
            assertThat(warning.getText()).isEqualTo("⚠ Loại xe không khớp: camera nhận là ô tô, biển số đăng ký cho xe máy. "
                    + "Có thể đọc sai biển số hoặc biển số giả — kiểm tra kỹ trước khi xác nhận.");
            assertThat(b.findElement(By.id("facts")).getText()).contains("Theo đăng ký", "Xe máy · Honda Wave · đỏ");
            Browser.screenshot(b, "desk-registry-mismatch");
        } finally {
            b.quit();
        }
    }

    @Test
    @Order(8)
    void theImportCommandSendsTheFileAndPrintsEachRejectedLine() throws Exception {
        Path file = dir.resolve("dang ky thang 11.csv");
        Files.writeString(file, HEADER + "92A-765.43,Võ Thị Hoa,\"3 Trần Phú, TP Hội An\",ô tô,xanh,Mazda 3,2024-11-02,\n"
                + "92A-765.44,Võ Thị Hoa,TP Hội An,ô tô,,,2024-11-31,\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "vn.matthan.node.ImportRegistrations", file.toString()).redirectErrorStream(true);
        pb.environment().put("IOC_URL", url(""));
        pb.environment().put("IOC_USER", "quantri");
        pb.environment().put("IOC_PASSWORD", TestUsers.PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(1);
        assertThat(out.lines().toList()).containsSubsequence(
                "dang ky thang 11.csv:3: rejected: valid_from: '2024-11-31' is not a day of the calendar",
                "imported 1 registrations, 1 added, 0 updated, 0 unchanged, 0 closed, rejected 1 rows");
        assertThat(versions("92A76543")).containsExactly("Võ Thị Hoa|3 Trần Phú, TP Hội An|car|2024-11-02|open|current");
        assertThat(audit()).last().asString().startsWith("quantri ADMIN registry.import api:quantri:dang ky thang 11.csv: 1 rows taken");
    }

    // ---- helpers ----

    /** Mean absolute difference between horizontal neighbours: high where the picture has detail, ~0 in flat blocks. */
    static double detail(BufferedImage img, int x1, int y1, int x2, int y2) {
        double sum = 0;
        long n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2 - 1; x++) {
                int a = img.getRGB(x, y), b = img.getRGB(x + 1, y);
                sum += Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff));
                n++;
            }
        }
        return sum / n;
    }

    /** Every version of a plate's periods: owner|address|class|from|to|current or superseded, oldest first. */
    List<String> versions(String plate) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT owner_name || '|' || owner_address || '|' || vehicle_class || '|' || valid_from "
                     + "|| '|' || coalesce(valid_to::text, 'open') || '|' || CASE WHEN superseded_at IS NULL THEN 'current' ELSE 'superseded' END "
                     + "FROM vehicle_registration WHERE plate = '" + plate + "' ORDER BY valid_from, id")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    List<String> audit() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT actor || ' ' || role || ' ' || action || ' ' || reason FROM audit_log "
                     + "WHERE target = 'vehicle_registration' ORDER BY seq")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    String pdfText(String caseId) throws Exception {
        Path file = notice(caseId);
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return text;
    }

    String qr(String caseId) throws Exception {
        try (PDDocument doc = Loader.loadPDF(notice(caseId).toFile())) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page)))).getText();
        }
    }

    Path notice(String caseId) throws Exception {
        HttpResponse<byte[]> pdf = http.send(request(reviewer, "/api/cases/" + caseId + "/notice.pdf").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        Path file = dir.resolve("notice-" + caseId + ".pdf");
        Files.write(file, pdf.body());
        return file;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> importCsv(String token, String csv) throws Exception {
        return http.send(request(token, "/api/registrations?source=xuat-khau.csv").header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(request(token, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> move(String caseId, String to) throws Exception {
        return http.send(request(reviewer, "/api/cases/" + caseId + "/transitions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("to", to).encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    String login(String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/login"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", TestUsers.PASSWORD).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }
}
