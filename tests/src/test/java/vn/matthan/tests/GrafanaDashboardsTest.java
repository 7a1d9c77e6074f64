package vn.matthan.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.matthan.api.indicators.Indicator;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.api.indicators.Level;
import vn.matthan.api.indicators.Thresholds;
import vn.matthan.schema.DatabaseSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana provisioning in dashboards/grafana: the data source and dashboard provider files are well formed and
 * take every credential from the environment; dashboards have stable unique uids, unit and camera variables, and
 * data source references that resolve; and every panel's SQL — macros expanded and variables interpolated as
 * Grafana's PostgreSQL data source does — runs on real TimescaleDB with the IOC's schema and returns what was stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardsTest {
    static final Path GRAFANA = WholeIocEndToEndTest.ROOT.resolve("dashboards/grafana");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    TimescaleTestServer db;
    Connection c;
    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeAll
    void start() throws Exception {
        db = new TimescaleTestServer();
        DatabaseSchema.migrate(db.dataSource());
        c = db.connection();
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO admin_unit (layout, code, name, name_short, level, parent_code) VALUES "
                    + "('pre2025', '51', 'Tỉnh Quảng Ngãi', 'Quảng Ngãi', 'province', NULL),"
                    + "('pre2025', '522', 'Thành phố Quảng Ngãi', 'Quảng Ngãi', 'district', '51'),"
                    + "('pre2025', '529', 'Huyện Sơn Hà', 'Sơn Hà', 'district', '51')");
            st.execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x'),"
                    + "('qng-02', 'Cầu Trà Khúc', '522', 15.13, 108.79, 'x'),"
                    + "('sha-01', 'Thị trấn Di Lăng', '529', 15.03, 108.68, 'x')");
            // Two hours of flow at qng-01 (3 cars and 2 motorbikes a minute), one hour at sha-01.
            st.execute("INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages) "
                    + "SELECT 'qng-01', cls, timestamptz '" + now + "' - m * interval '1 minute', n "
                    + "FROM generate_series(1, 120) m, (VALUES ('car', 3), ('motorbike', 2)) v(cls, n)");
            st.execute("INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages) "
                    + "SELECT 'sha-01', 'car', timestamptz '" + now + "' - m * interval '1 minute', 1 FROM generate_series(1, 60) m");
            st.execute("INSERT INTO traffic_flow_observed (camera_id, lane_id, vehicle_type, date_observed_from, intensity, "
                    + "average_vehicle_speed, speed_samples, average_headway_time) "
                    + "SELECT 'qng-01', 'L1', 'car', timestamptz '" + now + "' - m * interval '1 minute', 3, 40 + m % 2 * 10, 2, 20 "
                    + "FROM generate_series(1, 30) m");
            // Red-light counts per Vietnamese day: 1,200 at 522 over two cameras and two days → 300 per camera-day; 2,500 at 529 on one camera.
            Instant day = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(7));
            st.execute("INSERT INTO violation_day (camera_id, unit_code, violation_type, bucket, violations) VALUES "
                    + "('qng-01', '522', 'red_light', '" + day + "', 400), ('qng-02', '522', 'red_light', '" + day + "', 200),"
                    + "('qng-01', '522', 'red_light', '" + day.plus(Duration.ofDays(1)) + "', 400), ('qng-02', '522', 'red_light', '"
                    + day.plus(Duration.ofDays(1)) + "', 200),"
                    + "('sha-01', '529', 'red_light', '" + day + "', 2500), ('qng-01', '522', 'lane', '" + day + "', 7)");
            st.execute("INSERT INTO violation_5min (camera_id, unit_code, violation_type, bucket, violations) VALUES "
                    + "('qng-01', '522', 'red_light', '" + now.minus(Duration.ofMinutes(10)) + "', 4),"
                    + "('qng-01', '522', 'lane', '" + now.minus(Duration.ofMinutes(10)) + "', 1)");
            st.execute("INSERT INTO violation_case (id, violation_type, camera_id, unit_code, occurred_at, status, reject_reason) VALUES "
                    + "(gen_random_uuid(), 'red_light', 'qng-01', '522', '" + now.minus(Duration.ofHours(30)) + "', 'PENDING_REVIEW', NULL),"
                    + "(gen_random_uuid(), 'red_light', 'qng-01', '522', '" + now.minus(Duration.ofHours(2)) + "', 'CONFIRMED', NULL),"
                    + "(gen_random_uuid(), 'lane', 'sha-01', '529', '" + now.minus(Duration.ofHours(1)) + "', 'REJECTED', 'Trùng với hồ sơ khác')");
            // Deterrence at a Tiền Giang junction (a unit outside the map's districts): its first notice 3 days before today in
            // Vietnam, 1,000 red-light runners a day on the 4 days of the range before it, 640 on its day, 280 a day on the 3 after.
            LocalDate today = LocalDate.ofInstant(now, VIETNAM), noticeDay = today.minusDays(3);
            st.execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES "
                    + "('tgi-01', 'Ngã tư Ấp Bắc – Tiền Giang', '820', 10.36, 106.36, 'x')");
            for (LocalDate d = today.minusDays(7); !d.isAfter(today); d = d.plusDays(1)) {
                int n = d.isBefore(noticeDay) ? 1000 : d.equals(noticeDay) ? 640 : 280;
                st.execute("INSERT INTO violation_day (camera_id, unit_code, violation_type, bucket, violations) VALUES ('tgi-01', '820', 'red_light', '"
                        + d.atStartOfDay(VIETNAM).toInstant() + "', " + n + ")");
            }
            st.execute("INSERT INTO violation_case (id, violation_type, camera_id, unit_code, occurred_at, status) VALUES "
                    + "('00000000-0000-4000-8000-000000000820', 'red_light', 'tgi-01', '820', '" + now.minus(Duration.ofDays(20)) + "', 'NOTICE_ISSUED')");
            st.execute("INSERT INTO case_notice (case_id, pdf, sha256, issued_at, issued_by) VALUES ('00000000-0000-4000-8000-000000000820', "
                    + "'\\x25504446', 'x', '" + noticeDay.atTime(10, 0).atZone(VIETNAM).toInstant() + "', 'canbo.820')");
            // Violations by vehicle class: 1,120 motorbikes of 1,600 (70 %).
            st.execute("INSERT INTO violation_class_day (camera_id, unit_code, violation_type, vehicle_class, bucket, violations) VALUES "
                    + "('qng-01', '522', 'red_light', 'motorbike', '" + day + "', 420), ('qng-01', '522', 'red_light', 'car', '" + day + "', 150),"
                    + "('qng-01', '522', 'red_light', 'truck', '" + day + "', 30),"
                    + "('tgi-01', '820', 'red_light', 'motorbike', '" + noticeDay.minusDays(1).atStartOfDay(VIETNAM).toInstant() + "', 700),"
                    + "('tgi-01', '820', 'red_light', 'car', '" + noticeDay.minusDays(1).atStartOfDay(VIETNAM).toInstant() + "', 250),"
                    + "('tgi-01', '820', 'red_light', 'unknown', '" + noticeDay.minusDays(1).atStartOfDay(VIETNAM).toInstant() + "', 50)");
            st.execute("INSERT INTO camera_uptime_hour (camera_id, hour, samples, streaming_samples) "
                    + "SELECT 'qng-01', date_trunc('hour', timestamptz '" + now + "') - h * interval '1 hour', 720, 720 - h FROM generate_series(1, 24) h");
            st.execute("INSERT INTO congestion_event (camera_id, started_at, cleared_at, congested_minutes, peak_vehicles, lowest_flow) VALUES "
                    + "('qng-01', '" + now.minus(Duration.ofMinutes(50)) + "', '" + now.minus(Duration.ofMinutes(40)) + "', 10, 31, 0)");
            st.execute("INSERT INTO late_event (kind, event_id, camera_id, event_time, received_at) VALUES "
                    + "('violation.detected', 'late-1', 'qng-01', '" + now.minus(Duration.ofHours(3)) + "', '" + now + "')");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (db != null) db.close();
    }

    List<Path> dashboardFiles() throws Exception {
        try (Stream<Path> s = Files.list(GRAFANA.resolve("dashboards"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    JsonNode datasource() throws Exception {
        return YAML.readTree(GRAFANA.resolve("provisioning/datasources/matthan-timescaledb.yaml").toFile()).path("datasources").get(0);
    }

    @Test
    void theProvisioningFilesAreWellFormedAndTakeCredentialsFromTheEnvironment() throws Exception {
        JsonNode ds = datasource();
        assertThat(ds.path("uid").asText()).isEqualTo("matthan-timescaledb");
        assertThat(ds.path("type").asText()).isEqualTo("grafana-postgresql-datasource");
        assertThat(ds.path("jsonData").path("timescaledb").asBoolean()).isTrue();
        // Nothing secret in the file: every connection field is an environment reference.
        for (String v : List.of(ds.path("url").asText(), ds.path("user").asText(), ds.path("jsonData").path("database").asText(),
                ds.path("secureJsonData").path("password").asText())) {
            assertThat(v).matches("(\\$\\{MATTHAN_[A-Z_]+}:?)+");
        }
        JsonNode provider = YAML.readTree(GRAFANA.resolve("provisioning/dashboards/matthan.yaml").toFile()).path("providers").get(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("${MATTHAN_GRAFANA_DASHBOARDS}");
        assertThat(dashboardFiles()).hasSize(4);
    }

    @Test
    void dashboardsHaveStableUniqueUidsVariablesAndResolvingDataSources() throws Exception {
        JsonNode ds = datasource();
        Set<String> uids = new HashSet<>();
        for (Path f : dashboardFiles()) {
            JsonNode d = JSON.readTree(f.toFile());
            String name = f.getFileName().toString();
            assertThat(d.path("uid").asText()).as(name).matches("matthan-[a-z-]+");
            assertThat(uids.add(d.path("uid").asText())).as("uid of " + name + " is unique").isTrue();
            List<String> vars = new ArrayList<>();
            for (JsonNode v : d.path("templating").path("list")) {
                vars.add(v.path("name").asText());
                assertRefResolves(v.path("datasource"), ds, name + " variable " + v.path("name").asText());
            }
            assertThat(vars).as(name).contains("unit", "camera");
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.path("panels")) {
                assertThat(ids.add(p.path("id").asInt())).as(name + " panel ids are unique").isTrue();
                assertThat(p.path("gridPos").path("w").asInt()).as(name + " " + p.path("title")).isPositive();
                assertRefResolves(p.path("datasource"), ds, name + " panel " + p.path("title").asText());
                assertThat(p.path("targets")).as(name + " " + p.path("title")).isNotEmpty();
                for (JsonNode t : p.path("targets")) {
                    assertRefResolves(t.path("datasource"), ds, name + " panel " + p.path("title").asText());
                    assertThat(t.path("rawSql").asText()).as(name + " " + p.path("title")).isNotBlank();
                }
            }
        }
        assertThat(uids).hasSize(4);
    }

    static void assertRefResolves(JsonNode ref, JsonNode ds, String where) {
        assertThat(ref.path("uid").asText()).as(where + " datasource uid").isEqualTo(ds.path("uid").asText());
        assertThat(ref.path("type").asText()).as(where + " datasource type").isEqualTo(ds.path("type").asText());
    }

    /** The variables' values as Grafana would resolve them with everything ("All") selected, in dashboard order. */
    Map<String, GrafanaQuery.Variable> allSelected(JsonNode d, Instant from, Instant to) throws Exception {
        Map<String, GrafanaQuery.Variable> vars = new LinkedHashMap<>();
        for (JsonNode v : d.path("templating").path("list")) {
            String sql = GrafanaQuery.expand(v.path("query").asText(), from, to, Duration.ofMinutes(1), vars);
            List<Map<String, Object>> rows = rows(sql);
            assertThat(rows).as("values of variable " + v.path("name").asText()).isNotEmpty();
            List<String> values = rows.stream().map(r -> String.valueOf(r.get("__value"))).toList();
            boolean multi = v.path("multi").asBoolean() || v.path("includeAll").asBoolean();
            vars.put(v.path("name").asText(), new GrafanaQuery.Variable(multi ? values : values.subList(0, 1), multi));
        }
        return vars;
    }

    List<Map<String, Object>> rows(String sql) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), rs.getObject(i));
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void everyPanelsSqlRunsOnTimescaleDbAndReturnsWhatWasStored() throws Exception {
        Instant from = now.minus(Duration.ofDays(7)), to = now;
        Map<String, List<Map<String, Object>>> results = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int panels = 0;
        for (Path f : dashboardFiles()) {
            JsonNode d = JSON.readTree(f.toFile());
            Map<String, GrafanaQuery.Variable> vars = allSelected(d, from, to);
            for (JsonNode p : d.path("panels")) {
                for (JsonNode t : p.path("targets")) {
                    panels++;
                    String key = d.path("uid").asText() + "/" + p.path("title").asText();
                    try {
                        List<Map<String, Object>> r = rows(GrafanaQuery.expand(t.path("rawSql").asText(), from, to, Duration.ofMinutes(5), vars));
                        if (r.isEmpty()) failures.add(key + ": no rows");
                        results.put(key, r);
                    } catch (Exception e) {
                        failures.add(key + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(failures).as("panels whose SQL fails or returns nothing").isEmpty();
        assertThat(panels).isEqualTo(20);

        // The totals are the stored numbers: 120 minutes × 5 at qng-01 plus 60 × 1 at sha-01.
        assertThat(((Number) results.get("matthan-traffic-flow/Tổng lượt xe").get(0).get("Lượt xe")).longValue()).isEqualTo(660);
        long hourly = results.get("matthan-traffic-flow/Lượt xe theo giờ (tổng hợp liên tục flow_hourly)").stream()
                .mapToLong(r -> ((Number) r.get("value")).longValue()).sum();
        assertThat(hourly).as("the continuous aggregate agrees with the minutes").isEqualTo(660);
        assertThat(results.get("matthan-violations/Hồ sơ chờ xét duyệt").get(0).get("Chờ xét duyệt")).isEqualTo(1L);
        assertThat(results.get("matthan-violations/Kết quả xét duyệt trong kỳ")).extracting(r -> r.get("Trạng thái"))
                .containsExactlyInAnyOrder("Chờ xét duyệt", "Đã xác nhận", "Đã bác bỏ");
        assertThat(results.get("matthan-camera-health/Ùn tắc theo nút giao").get(0).get("Số phút ùn tắc")).isEqualTo(10);

        // Deterrence by the API's rule: 4 days × 1,000 before the first notice, 3 × 280 after, its own day on neither side.
        Map<String, Object> deterrence = results.get("matthan-violations/Răn đe: vượt đèn đỏ/camera/ngày trước và sau thông báo đầu tiên").get(0);
        assertThat(((Number) deterrence.get("Trước thông báo đầu tiên")).doubleValue()).isEqualTo(1000.0);
        assertThat(((Number) deterrence.get("Sau thông báo đầu tiên")).doubleValue()).isEqualTo(280.0);
        assertThat(((Number) deterrence.get("Thay đổi (%)")).doubleValue()).isEqualTo(-72.0);
        assertThat(((Number) deterrence.get("Camera so sánh")).intValue()).isEqualTo(1);
        assertThat(results.get("matthan-violations/Vượt đèn đỏ mỗi camera mỗi ngày (mốc: thông báo phạt nguội đầu tiên)").stream()
                .filter(r -> r.get("metric").equals("Ngã tư Ấp Bắc – Tiền Giang")).mapToLong(r -> ((Number) r.get("value")).longValue()).sum())
                .isEqualTo(3 * 1000 + 640 + 3 * 280); // the first day's bucket (its midnight) lies before the range's start
        assertThat(results.get("matthan-violations/Vi phạm theo loại phương tiện")).extracting(r -> r.get("Loại xe") + " " + r.get("Vi phạm"))
                .containsExactly("Xe máy 1120", "Ô tô 400", "Chưa rõ 50", "Xe tải 30");
    }

    @Test
    void theFirstNoticeAtEachCameraIsAnAnnotationOnTheViolationsDashboard() throws Exception {
        JsonNode d = JSON.readTree(GRAFANA.resolve("dashboards/violations.json").toFile());
        JsonNode ann = d.path("annotations").path("list").get(0);
        assertRefResolves(ann.path("datasource"), datasource(), "annotation");
        Instant from = now.minus(Duration.ofDays(7)), to = now;
        List<Map<String, Object>> rows = rows(GrafanaQuery.expand(ann.path("target").path("rawSql").asText(), from, to, Duration.ofMinutes(5),
                allSelected(d, from, to)));
        LocalDate noticeDay = LocalDate.ofInstant(now, VIETNAM).minusDays(3);
        assertThat(rows).extracting(r -> ((java.sql.Timestamp) r.get("time")).toInstant() + " " + r.get("text") + " " + r.get("tags"))
                .containsExactly(noticeDay.atTime(10, 0).atZone(VIETNAM).toInstant() + " Thông báo phạt nguội đầu tiên tại Ngã tư Ấp Bắc – Tiền Giang tgi-01");
    }

    @Test
    void theDistrictMapJudgesEachDistrictAsTheCatalogDoesAndItsOutlinesHoldEveryCode() throws Exception {
        JsonNode d = JSON.readTree(GRAFANA.resolve("dashboards/district-map.json").toFile());
        JsonNode geomap = d.path("panels").get(0);
        assertThat(geomap.path("type").asText()).isEqualTo("geomap");
        Indicator red = IndicatorCatalog.load(LeadersMapTest.CATALOG).find("red-light-per-camera-day").orElseThrow();
        Thresholds th = red.thresholdsAt(Level.DISTRICT);
        JsonNode steps = geomap.path("fieldConfig").path("defaults").path("thresholds").path("steps");
        assertThat(steps.get(1).path("value").asDouble()).as("amber from the catalog's green limit").isEqualTo(th.green());
        assertThat(steps.get(2).path("value").asDouble()).as("red from the catalog's red limit").isEqualTo(th.red());

        // The layers: district outlines from a GeoJSON file the shared assets provide, and status markers found by code in it.
        List<String> layerTypes = new ArrayList<>();
        Set<String> featureCodes = new HashSet<>();
        for (JsonNode layer : geomap.path("options").path("layers")) {
            layerTypes.add(layer.path("type").asText());
            String src = layer.path("type").asText().equals("geojson") ? layer.path("config").path("src").asText()
                    : layer.path("location").path("gazetteer").asText();
            Path file = WholeIocEndToEndTest.ASSETS.resolve("geo").resolve(Path.of(src).getFileName());
            assertThat(file).as(src + " (copied into Grafana by scripts/grafana-maps.sh)").isRegularFile();
            for (JsonNode feature : JSON.readTree(file.toFile()).path("features")) featureCodes.add(feature.path("properties").path("code").asText());
        }
        assertThat(layerTypes).containsExactly("geojson", "markers");
        assertThat(Files.readString(WholeIocEndToEndTest.ROOT.resolve("scripts/grafana-maps.sh"))).contains("quangngai_districts_pre2025.geojson");

        // Over 7 days: 522 has 1,200 red-light violations on 2 cameras → 85.7 per camera-day; 529 has 2,500 on 1 → 357.1.
        Instant from = now.minus(Duration.ofDays(7)), to = now;
        List<Map<String, Object>> rows = rows(GrafanaQuery.expand(geomap.path("targets").get(0).path("rawSql").asText(), from, to,
                Duration.ofMinutes(5), allSelected(d, from, to)));
        assertThat(rows).extracting(r -> r.get("code")).containsExactly("522", "529");
        for (Map<String, Object> r : rows) {
            assertThat(featureCodes).as("the marker of " + r.get("code") + " finds its district").contains((String) r.get("code"));
            double value = ((Number) r.get("value")).doubleValue();
            String words = switch (red.status(Level.DISTRICT, value)) {
                case GREEN -> "✔ Đạt";
                case AMBER -> "▲ Cần cố gắng";
                case RED -> "✘ Chưa đạt";
                case NO_DATA, NO_TARGET -> "–";
            };
            assertThat(r.get("status")).as("status of " + r.get("code") + " at " + value).isEqualTo(words);
        }
        assertThat(((Number) rows.get(0).get("value")).doubleValue()).isEqualTo(85.7);
        assertThat(((Number) rows.get(1).get("value")).doubleValue()).isEqualTo(357.1);
        assertThat(rows.get(1).get("status")).isEqualTo("▲ Cần cố gắng");
    }
}
