package vn.matthan.tests;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream job's aggregates on a MiniCluster between real Kafka and real PostgreSQL, with hand-made streams:
 * per-lane flow with speed and headway, raw passages once, violation counts per 5 minutes and per Vietnamese day,
 * late violations kept, congestion raised and cleared, violations by vehicle class. Scenarios run in order: passages move one watermark forward.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficAggregatesTest {
    @TempDir
    static Path dir;
    static StreamJobFixture job;

    @BeforeAll
    static void start() throws Exception {
        job = new StreamJobFixture(dir, "aggregates-test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) job.close();
    }

    @Test
    @Order(1)
    void laneFlowHasIntensityMeanSpeedAndHeadwayPerLaneAndTypeAndEachPassageIsStoredOnce() throws Exception {
        Instant t = Instant.parse("2026-11-23T01:00:00Z");
        byte[] first = passage("cam-lanes", "L1", "car", 30.0, t, 1);
        produce(Topics.VEHICLE_PASSAGE, "cam-lanes", List.of(first, first, // a retry: the same event id
                passage("cam-lanes", "L1", "car", 40.0, t.plusSeconds(10), 2),
                passage("cam-lanes", "L1", "car", null, t.plusSeconds(20), 3),
                passage("cam-lanes", "L1", "motorbike", 20.0, t.plusSeconds(30), 4),
                passage("cam-lanes", "L2", "car", null, t.plusSeconds(15), 5),
                passage("cam-lanes", "L3", "bus", null, t.plusSeconds(200), 6))); // moves the watermark past the minute
        String sql = "SELECT lane_id || '/' || vehicle_type || ' ' || intensity || ' v=' || coalesce(average_vehicle_speed::text, '-') "
                + "|| ' n=' || speed_samples || ' h=' || coalesce(average_headway_time::text, '-') FROM traffic_flow_observed "
                + "WHERE camera_id = 'cam-lanes' AND date_observed_from = '2026-11-23T01:00:00Z' ORDER BY 1";
        List<String> expected = List.of("L1/car 3 v=35 n=2 h=10", "L1/motorbike 1 v=20 n=1 h=10", "L2/car 1 v=- n=0 h=-");
        awaitRows(sql, expected, 60);
        assertThat(column("SELECT count(*) FROM vehicle_passage WHERE camera_id = 'cam-lanes'")).containsExactly("6");
        assertThat(column("SELECT lane_id || ' ' || coalesce(speed_kmh::text, '-') FROM vehicle_passage WHERE camera_id = 'cam-lanes' "
                + "AND time = '2026-11-23T01:00:00Z'")).containsExactly("L1 30");
    }

    @Test
    @Order(2)
    void violationsAreCountedPer5MinutesAndPerVietnameseDayOnceAndLateOnesAreKept() throws Exception {
        Instant beforeMidnight = Instant.parse("2026-11-23T16:58:00Z"); // 23:58 on 23 Nov in Vietnam
        byte[] v1 = violation("RED_LIGHT", beforeMidnight);
        produce(Topics.VIOLATION_DETECTED, "cam-v", List.of(v1, violation("RED_LIGHT", beforeMidnight.plusSeconds(60)), v1,
                violation("WRONG_WAY", Instant.parse("2026-11-23T17:02:00Z")),   // 00:02 on 24 Nov
                violation("RED_LIGHT", Instant.parse("2026-11-23T17:03:00Z")),
                violation("LANE", Instant.parse("2026-11-23T18:00:00Z"))));       // moves the watermark on
        String fiveMin = "SELECT violation_type || ' ' || bucket || ' ' || violations FROM violation_5min WHERE camera_id = 'cam-v' ORDER BY bucket, 1";
        // 18:00–18:05 is still open (watermark 17:59:58): its running count comes from an early firing.
        List<String> expected5 = List.of("RED_LIGHT 2026-11-23 16:55:00+00 2", "RED_LIGHT 2026-11-23 17:00:00+00 1",
                "WRONG_WAY 2026-11-23 17:00:00+00 1", "LANE 2026-11-23 18:00:00+00 1");
        awaitRows(fiveMin, expected5, 60);
        String daily = "SELECT violation_type || ' ' || bucket || ' ' || violations || ' ' || unit_code FROM violation_day WHERE camera_id = 'cam-v' ORDER BY bucket, 1";
        List<String> expectedDay = List.of("RED_LIGHT 2026-11-22 17:00:00+00 2 522", "LANE 2026-11-23 17:00:00+00 1 522",
                "RED_LIGHT 2026-11-23 17:00:00+00 1 522", "WRONG_WAY 2026-11-23 17:00:00+00 1 522");
        awaitRows(daily, expectedDay, 60);

        // 16:50 closed long ago (watermark ≈ 17:59:58, lateness 30 s): stored as late, counted nowhere.
        byte[] late = violation("RED_LIGHT", Instant.parse("2026-11-23T16:50:00Z"));
        produce(Topics.VIOLATION_DETECTED, "cam-v", List.of(late, violation("SPEEDING", Instant.parse("2026-11-23T19:00:00Z"))));
        List<String> later5 = new ArrayList<>(expected5);
        later5.add("SPEEDING 2026-11-23 19:00:00+00 1");
        awaitRows(fiveMin, later5, 60);
        awaitRows(daily, List.of("RED_LIGHT 2026-11-22 17:00:00+00 2 522", "LANE 2026-11-23 17:00:00+00 1 522",
                "RED_LIGHT 2026-11-23 17:00:00+00 1 522", "SPEEDING 2026-11-23 17:00:00+00 1 522", "WRONG_WAY 2026-11-23 17:00:00+00 1 522"), 60);
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(30), () -> column("SELECT count(*) FROM late_event").equals(List.of("1")));
        assertThat(column("SELECT kind || ' ' || camera_id || ' ' || event_time FROM late_event"))
                .containsExactly("violation.detected cam-v 2026-11-23 16:50:00+00");
        assertThat(column(fiveMin)).containsExactlyElementsOf(later5);
        // Every violation, late or not, still opens its case.
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(30), () -> column("SELECT count(*) FROM violation_case WHERE camera_id = 'cam-v'").equals(List.of("7")));
    }

    @Test
    @Order(3)
    void aJunctionWhereVehiclesStandButFewPassIsCongestedAfterThreeMinutesAndClearedAfterTwoFreeOnes() throws Exception {
        Instant t0 = Instant.parse("2026-11-23T03:00:00Z");
        // minute → vehicles in view, passages: 2 free, 5 congested, 4 free
        int[][] minutes = {{2, 10}, {2, 10}, {8, 1}, {9, 1}, {8, 0}, {8, 1}, {7, 1}, {3, 12}, {3, 12}, {3, 12}, {3, 12}};
        List<byte[]> health = new ArrayList<>(), passages = new ArrayList<>();
        long track = 100;
        for (int m = 0; m < minutes.length; m++) {
            for (int s = 0; s < 60; s += 10) {
                health.add(EventJson.toBytes(CameraHealthEvent.of("cam-jam", t0.plusSeconds(60L * m + s), "STREAMING", 25, 10, 0, 0, 0, 40, null)
                        .withVehiclesInView(minutes[m][0])));
            }
            for (int k = 0; k < minutes[m][1]; k++) passages.add(passage("cam-jam", "L1", "car", null, t0.plusSeconds(60L * m + 2 + k * 4), track++));
        }
        Instant end = t0.plusSeconds(60L * minutes.length + 120); // both streams past the last minute
        health.add(EventJson.toBytes(CameraHealthEvent.of("cam-jam", end, "STREAMING", 25, 10, 0, 0, 0, 40, null).withVehiclesInView(3)));
        passages.add(passage("cam-jam", "L1", "car", null, end, track));
        produce(Topics.CAMERA_HEALTH, "cam-jam", health);
        produce(Topics.VEHICLE_PASSAGE, "cam-jam", passages);

        String sql = "SELECT started_at || ' → ' || coalesce(cleared_at::text, 'open') || ' ' || congested_minutes || ' min, peak '"
                + " || peak_vehicles || ', lowest ' || lowest_flow FROM congestion_event WHERE camera_id = 'cam-jam'";
        List<String> expected = List.of("2026-11-23 03:02:00+00 → 2026-11-23 03:07:00+00 5 min, peak 9, lowest 0");
        awaitRows(sql, expected, 60);
        List<String> events = congestionEvents(4);
        assertThat(events).extracting(e -> new io.vertx.core.json.JsonObject(e).getString("state") + " "
                        + new io.vertx.core.json.JsonObject(e).getLong("congested_minutes"))
                .containsExactly("RAISED 3", "ONGOING 4", "ONGOING 5", "CLEARED 5");
        assertThat(events.get(3)).contains("\"cleared_at\":\"2026-11-23T03:07:00Z\"").contains("\"started_at\":\"2026-11-23T03:02:00Z\"");
    }

    @Test
    @Order(4)
    void violationsAreCountedByVehicleClassPer5MinutesAndPerDayOnceAndAddUpToTheTypeTotals() throws Exception {
        // 11 red-light runners at cam-k on 24 Nov (Vietnam): 7 motorbikes (~70 %, as Tiền Giang measured), 2 cars, a truck and
        // one the detector gave no class; two motorbike events are delivered twice (retries count once).
        Instant t = Instant.parse("2026-11-24T02:00:00Z");
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) events.add(violation("cam-k", "red_light", "motorbike", t.plusSeconds(20L * i)));
        events.add(events.get(0));
        events.add(events.get(3));
        events.add(violation("cam-k", "red_light", "car", t.plusSeconds(200)));
        events.add(violation("cam-k", "red_light", "car", t.plusSeconds(210)));
        events.add(violation("cam-k", "red_light", null, t.plusSeconds(250)));
        events.add(violation("cam-k", "red_light", "truck", t.plusSeconds(420)));                 // 02:07, the next 5 minutes
        events.add(violation("cam-k", "lane", "motorbike", Instant.parse("2026-11-24T04:00:00Z"))); // moves the watermark on
        produce(Topics.VIOLATION_DETECTED, "cam-k", events);

        String byClass5 = "SELECT violation_type || ' ' || vehicle_class || ' ' || bucket || ' ' || violations FROM violation_class_5min "
                + "WHERE camera_id = 'cam-k' ORDER BY bucket, 1";
        awaitRows(byClass5, List.of("red_light car 2026-11-24 02:00:00+00 2", "red_light motorbike 2026-11-24 02:00:00+00 7",
                "red_light unknown 2026-11-24 02:00:00+00 1", "red_light truck 2026-11-24 02:05:00+00 1",
                "lane motorbike 2026-11-24 04:00:00+00 1"), 60);
        String byClassDay = "SELECT violation_type || ' ' || vehicle_class || ' ' || bucket || ' ' || violations || ' ' || unit_code "
                + "FROM violation_class_day WHERE camera_id = 'cam-k' ORDER BY 1";
        awaitRows(byClassDay, List.of("lane motorbike 2026-11-23 17:00:00+00 1 522", "red_light car 2026-11-23 17:00:00+00 2 522",
                "red_light motorbike 2026-11-23 17:00:00+00 7 522", "red_light truck 2026-11-23 17:00:00+00 1 522",
                "red_light unknown 2026-11-23 17:00:00+00 1 522"), 60);
        // The classes add up to the per-type day count the leaders' map reads.
        awaitRows("SELECT violation_type || ' ' || violations FROM violation_day WHERE camera_id = 'cam-k' ORDER BY 1",
                List.of("lane 1", "red_light 11"), 60);
    }

    static byte[] violation(String cam, String type, String cls, Instant t) {
        return EventJson.toBytes(new ViolationDetected(1, UUID.randomUUID().toString(), type, type, "test", cam, "522",
                t, "stop", cls, 4, "red", 1.2, null, false, List.of(1.0, 2.0, 3.0, 4.0), null, null, null, null, null, "v1#abc"));
    }

    static byte[] passage(String cam, String lane, String cls, Double speed, Instant t, long track) {
        VehiclePassage p = VehiclePassage.of(cam, "stop", lane, cls, "forward", t, track, "v1", "s");
        return EventJson.toBytes(new VehiclePassage(p.schemaVersion(), p.eventId(), p.cameraId(), p.countLine(), p.lane(),
                p.vehicleClass(), p.direction(), speed, p.time(), p.trackId(), p.sceneVersion()));
    }

    static byte[] violation(String type, Instant t) {
        return EventJson.toBytes(new ViolationDetected(1, UUID.randomUUID().toString(), type, type.toLowerCase(), "test", "cam-v", "522",
                t, "stop", "car", 4, "red", 1.2, null, false, List.of(1.0, 2.0, 3.0, 4.0), null, null, null, null, null, "v1#abc"));
    }

    static void produce(String topic, String key, List<byte[]> values) throws Exception {
        job.produce(topic, key, values);
    }

    /** Waits until the query returns exactly these rows; on timeout, fails showing what it returned. */
    static void awaitRows(String sql, List<String> expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline && !column(sql).equals(expected)) Thread.sleep(200);
        assertThat(column(sql)).containsExactlyElementsOf(expected);
    }

    static List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = job.pg.getPostgresDatabase().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static List<String> congestionEvents(int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, job.kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "congestion-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.JUNCTION_CONGESTION));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && out.size() < atLeast) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) out.add(r.value());
            }
        }
        return out;
    }
}
