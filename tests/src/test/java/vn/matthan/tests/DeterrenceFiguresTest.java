package vn.matthan.tests;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.NoticeSettings;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.ViolationDetected;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deterrence and class figures with known answers, through the real chain: generated violation.detected events on a real
 * Kafka broker → the flow job on a Flink MiniCluster (violation_day, violation_class_day, cases) → real PostgreSQL → the
 * API. Camera qng-01 sees 100 red-light runners a day for ten days (70 motorbikes, 20 cars, 10 trucks), 64 on the day its
 * first notice is issued, then 28 a day for ten days (20, 6, 2) — Tiền Giang's ~1,000 → < 300 a tenth the size; qng-02
 * sees 50 a day for five days (35 motorbikes, 15 cars) and never a notice; qng-01 also has 15 lane violations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeterrenceFiguresTest {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate DAY1 = LocalDate.parse("2026-10-01"), NOTICE_DAY = LocalDate.parse("2026-10-11");
    @TempDir
    static Path dir;
    StreamJobFixture job;
    Vertx vertx;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    String firstNoticeCase, laterNoticeCase;

    record Event(Instant at, String camera, byte[] json) {
    }

    @BeforeAll
    void start() throws Exception {
        job = new StreamJobFixture(dir, "deterrence-test");
        try (Connection c = job.pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at) VALUES "
                    + "('qng-01', 'Ngã tư Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'x', now()),"
                    + "('qng-02', 'Cầu Trà Khúc', '522', 15.13, 108.79, 'x', now())");
            TestUsers.insert(c, new String[][]{{"quantri", "ADMIN", "{}"}});
        }
        Random random = new Random(22);
        List<Event> events = new ArrayList<>();
        for (int d = 0; d < 21; d++) {
            LocalDate day = DAY1.plusDays(d);
            int[] mix = d < 10 ? new int[]{70, 20, 10} : d == 10 ? new int[]{45, 13, 6} : new int[]{20, 6, 2};
            day(events, random, "qng-01", "red_light", day, mix);
            if (d < 5) day(events, random, "qng-02", "red_light", day, new int[]{35, 15, 0});
            if (d % 7 == 0) day(events, random, "qng-01", "lane", day, new int[]{5, 0, 0});
        }
        events.sort(Comparator.comparing(Event::at));
        // Three weeks in one go, in time order through one partition: the job assigns event time after its duplicate filter,
        // so two partitions read in bursts would make one camera's days late for the other's watermark.
        job.produce(Topics.VIOLATION_DETECTED, "qng", events.stream().map(Event::json).toList());
        assertThat(events).hasSize(1344 + 250 + 15);
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(120), () -> column("SELECT coalesce(sum(violations), 0) FROM violation_class_day").equals(List.of("1609"))
                && column("SELECT coalesce(sum(violations), 0) FROM violation_day").equals(List.of("1609"))
                && column("SELECT count(*) FROM violation_case").equals(List.of("1609")));

        NoticeSettings notice = NoticeSettings.load(WholeIocEndToEndTest.ROOT.resolve("config/notice.yaml"));
        vertx = Vertx.vertx();
        IocApiVerticle api = new IocApiVerticle(new io.vertx.pgclient.PgConnectOptions().setHost("127.0.0.1").setPort(job.pg.getPort())
                .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, vn.matthan.api.CameraStatusSource.NONE, null, notice);
        vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
        port = api.actualPort();
        String admin = login("quantri");
        // The first notice at qng-01 goes to a runner of 11 October, a later one to a runner of 15 October; both are issued
        // through the API and dated (10:00 in Vietnam) as if issued on those days.
        firstNoticeCase = caseOn("2026-10-11");
        laterNoticeCase = caseOn("2026-10-15");
        for (String id : List.of(firstNoticeCase, laterNoticeCase)) {
            for (String to : List.of("PENDING_REVIEW", "CONFIRMED", "NOTICE_ISSUED")) {
                HttpResponse<String> r = post(admin, "/api/cases/" + id + "/transitions", new JsonObject().put("to", to).put("reason", "kiểm tra"));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
        sql("UPDATE case_notice SET issued_at = '2026-10-11T03:00:00Z' WHERE case_id = '" + firstNoticeCase + "'");
        sql("UPDATE case_notice SET issued_at = '2026-10-15T03:00:00Z' WHERE case_id = '" + laterNoticeCase + "'");
    }

    /** One day's violations of a type at a camera: motorbikes, cars and trucks in that number, at random times 07:00–18:00. */
    static void day(List<Event> out, Random random, String camera, String type, LocalDate day, int[] mix) {
        String[] classes = {"motorbike", "car", "truck"};
        Instant seven = day.atTime(7, 0).atZone(VIETNAM).toInstant();
        for (int k = 0; k < classes.length; k++) {
            for (int n = 0; n < mix[k]; n++) {
                Instant at = seven.plusMillis((long) (random.nextDouble() * Duration.ofHours(11).toMillis()));
                String id = UUID.nameUUIDFromBytes((camera + type + day + classes[k] + n).getBytes(StandardCharsets.UTF_8)).toString();
                out.add(new Event(at, camera, EventJson.toBytes(new ViolationDetected(1, id, type, type, "generated", camera, "522", at, "stop",
                        classes[k], n, "red", 1.0, null, false, List.of(1.0, 2.0, 3.0, 4.0), null, null, null, null, null, "v1#gen"))));
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
        if (job != null) job.close();
    }

    @Test
    void violationsPerCameraPerDayFallFrom100To28AfterTheFirstNoticeWhoseDayIsMarkedAndCountedOnNeitherSide() throws Exception {
        JsonObject r = json(null, "/api/violations/deterrence?from=2026-10-01&to=2026-10-21");
        assertThat(r.getString("violation_type")).isEqualTo("red_light");
        JsonObject one = camera(r, "qng-01");
        assertThat(one.getString("first_notice_day")).isEqualTo("2026-10-11");
        assertThat(one.getString("first_notice_at")).isEqualTo("2026-10-11T03:00:00Z");
        assertThat(one.getJsonObject("before").encode()).isEqualTo("{\"days\":10,\"violations\":1000,\"per_day\":100.0}");
        assertThat(one.getJsonObject("after").encode()).isEqualTo("{\"days\":10,\"violations\":280,\"per_day\":28.0}");
        assertThat(one.getDouble("change_percent")).isEqualTo(-72.0);
        JsonArray days = one.getJsonArray("days");
        assertThat(days).hasSize(21);
        assertThat(days.getJsonObject(0).encode()).isEqualTo("{\"day\":\"2026-10-01\",\"violations\":100}");
        assertThat(days.getJsonObject(10).encode()).isEqualTo("{\"day\":\"2026-10-11\",\"violations\":64}");
        assertThat(days.getJsonObject(20).encode()).isEqualTo("{\"day\":\"2026-10-21\",\"violations\":28}");

        JsonObject two = camera(r, "qng-02");
        assertThat(two.getValue("first_notice_day")).isNull();
        assertThat(two.getValue("change_percent")).isNull();
        assertThat(two.getJsonArray("days").stream().mapToLong(o -> ((JsonObject) o).getLong("violations")).sum()).isEqualTo(250);
        assertThat(two.getJsonArray("days").getJsonObject(5).getLong("violations")).as("a day without violations counts as zero").isZero();

        assertThat(r.getJsonObject("summary").encode())
                .isEqualTo("{\"cameras_compared\":1,\"before_per_camera_day\":100.0,\"after_per_camera_day\":28.0,\"change_percent\":-72.0}");

        // A narrower range: 3 days before (300), 2 after (56).
        JsonObject narrow = camera(json(null, "/api/violations/deterrence?from=2026-10-08&to=2026-10-13&camera=qng-01"), "qng-01");
        assertThat(narrow.getJsonObject("before").getLong("violations")).isEqualTo(300);
        assertThat(narrow.getJsonObject("after").getLong("violations")).isEqualTo(56);
        assertThat(narrow.getDouble("change_percent")).isEqualTo(-72.0);
        // Lane violations are their own figure: 15 on 3 days, all before the notice.
        JsonObject lane = camera(json(null, "/api/violations/deterrence?from=2026-10-01&to=2026-10-21&type=lane&camera=qng-01"), "qng-01");
        assertThat(lane.getJsonObject("before").getLong("violations")).isEqualTo(10);
        assertThat(lane.getJsonObject("after").getLong("violations")).isEqualTo(5);

        assertThat(get(null, "/api/violations/deterrence?camera=nowhere").statusCode()).isEqualTo(404);
        assertThat(get(null, "/api/violations/deterrence?from=2026-10-21&to=2026-10-01").statusCode()).isEqualTo(400);
    }

    @Test
    void violationsByVehicleClassAreTheGeneratedMixAbout70PercentMotorbikes() throws Exception {
        JsonObject all = json(null, "/api/violations/by-class?from=2026-10-01&to=2026-10-21&type=red_light");
        assertThat(all.getLong("total")).isEqualTo(1594);
        assertThat(classes(all)).containsExactly("motorbike Xe máy 1120 70.3", "car Ô tô 348 21.8", "truck Xe tải 126 7.9");
        JsonObject one = json(null, "/api/violations/by-class?from=2026-10-01&to=2026-10-21&type=red_light&camera=qng-01");
        assertThat(classes(one)).containsExactly("motorbike Xe máy 945 70.3", "car Ô tô 273 20.3", "truck Xe tải 126 9.4");
        JsonObject every = json(null, "/api/violations/by-class?from=2026-10-01&to=2026-10-21");
        assertThat(classes(every)).containsExactly("motorbike Xe máy 1135 70.5", "car Ô tô 348 21.6", "truck Xe tải 126 7.8");
        // The daily series: the notice day at qng-01.
        assertThat(one.getJsonArray("days").stream().map(o -> (JsonObject) o).filter(o -> o.getString("day").equals("2026-10-11"))
                .map(o -> o.getString("vehicle_class") + " " + o.getLong("violations")).toList()).containsExactly("car 13", "motorbike 45", "truck 6");
        JsonObject oneDay = json(null, "/api/violations/by-class?from=2026-10-05&to=2026-10-05&camera=qng-02");
        assertThat(classes(oneDay)).containsExactly("motorbike Xe máy 35 70.0", "car Ô tô 15 30.0");
    }

    static List<String> classes(JsonObject r) {
        return r.getJsonArray("classes").stream().map(o -> (JsonObject) o).map(o -> o.getString("vehicle_class") + " " + o.getString("vehicle_vi")
                + " " + o.getLong("violations") + " " + o.getDouble("share_percent")).toList();
    }

    static JsonObject camera(JsonObject r, String id) {
        return r.getJsonArray("cameras").stream().map(o -> (JsonObject) o).filter(o -> o.getString("camera_id").equals(id)).findFirst().orElseThrow();
    }

    String caseOn(String day) throws Exception {
        Instant from = LocalDate.parse(day).atStartOfDay(VIETNAM).toInstant();
        return column("SELECT id FROM violation_case WHERE camera_id = 'qng-01' AND violation_type = 'red_light' AND occurred_at >= '" + from
                + "' AND occurred_at < '" + from.plus(Duration.ofDays(1)) + "' ORDER BY occurred_at LIMIT 1").get(0);
    }

    JsonObject json(String token, String path) throws Exception {
        HttpResponse<String> r = get(token, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    void sql(String statement) throws Exception {
        try (Connection c = job.pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute(statement);
        }
    }

    List<String> column(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = job.pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(query)) {
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
}
