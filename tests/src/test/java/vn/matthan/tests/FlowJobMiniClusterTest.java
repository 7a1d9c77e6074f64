package vn.matthan.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.schema.AuditChain;
import vn.matthan.stream.FlowJob;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow job on a Flink MiniCluster between a real Kafka broker and a real PostgreSQL, with known input. */
class FlowJobMiniClusterTest {
    static final String CAM = "cam-flow";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    static Path dir;
    static StreamJobFixture job;
    static EmbeddedPostgres pg;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        job = new StreamJobFixture(dir, "flow-test");
        pg = job.pg;
        kafka = job.kafka;
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) job.close();
    }

    @Test
    void countsEachPassageOncePerCameraClassAndMinuteKeepsLateOnesAndDeadLettersMalformedOnes() throws Exception {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) events.add(passage("car", T0.plusSeconds(5 + i * 10), i));
        events.add(passage("car", T0.plusSeconds(5), 0)); // a producer retry: same event id, counted once
        for (int i = 0; i < 2; i++) events.add(passage("motorbike", T0.plusSeconds(30 + i), 10 + i));
        events.add(passage("car", T0.plusSeconds(75), 20));
        events.add("{\"schema_version\": 1, \"camera_id\": ".getBytes(StandardCharsets.UTF_8));
        events.add("{\"schema_version\": 2}".getBytes(StandardCharsets.UTF_8));
        events.add(passage("car", T0.plusSeconds(200), 30)); // moves the watermark past both minutes
        produce(events);

        Map<String, Long> expected = new TreeMap<>(Map.of(
                "car@2026-11-22T10:00:00Z", 3L, "motorbike@2026-11-22T10:00:00Z", 2L, "car@2026-11-22T10:01:00Z", 1L));
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> rows().entrySet().containsAll(expected.entrySet()));
        assertThat(rows()).containsAllEntriesOf(expected);

        // Minute 10:00 closed at 10:01 + 30 s allowed lateness; the watermark is at ~10:03:18 now.
        produce(List.of(passage("bus", T0.plusSeconds(40), 99)));
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(30), () -> latePassages() == 1);
        assertThat(latePassages()).as("stored in late_passage").isEqualTo(1);
        assertThat(rows()).as("and not counted").doesNotContainKey("bus@2026-11-22T10:00:00Z").containsAllEntriesOf(expected);

        List<String> deadLetters = deadLetters(2).stream().filter(d -> !d.contains("time missing")).toList(); // the health test's
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters.get(0)).contains("\"reason\":\"not a vehicle.passage JSON object");
        assertThat(deadLetters.get(1)).contains("unsupported schema_version 2");
    }

    @Test
    void cameraUptimePerHourIsTheShareOfHealthReportsWhileStreaming() throws Exception {
        List<byte[]> reports = new ArrayList<>();
        Instant hour = Instant.parse("2026-11-22T08:00:00Z");
        for (int i = 0; i < 10; i++) {
            String state = i >= 3 && i < 6 ? "FAILED" : "STREAMING"; // down for 3 of 10 reports
            reports.add(EventJson.toBytes(CameraHealthEvent.of(CAM, hour.plusSeconds(360L * i), state, 25, 10, 0, 0, 0, 40, null)));
        }
        reports.add(EventJson.toBytes(CameraHealthEvent.of(CAM, hour.plusSeconds(3 * 3600), "STREAMING", 25, 10, 0, 0, 0, 40, null)));
        reports.add("{\"schema_version\": 1, \"camera_id\": \"x\"}".getBytes(StandardCharsets.UTF_8)); // no time, no state
        job.produce(Topics.CAMERA_HEALTH, CAM, reports);
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> uptime(hour) != null);
        assertThat(uptime(hour)).isEqualTo("10/7/0.7");
        assertThat(deadLetters(1)).anySatisfy(d -> assertThat(d).contains("time missing"));
    }

    @Test
    void eachViolationOpensOneAuditedCaseAndSureDuplicatesOfThePlateAreMerged() throws Exception {
        Instant t = Instant.parse("2026-11-22T09:00:00Z");
        byte[] a = violation("11111111-1111-4111-8111-111111111111", t, "51F-123.45", "ab".repeat(32));
        byte[] b = violation("22222222-2222-4222-8222-222222222222", t.plusSeconds(120), "51F12345", "cd".repeat(32));
        byte[] c = violation("33333333-3333-4333-8333-333333333333", t.plusSeconds(300), null, null);
        // The same plate, but the reading node doubted it: it may be another vehicle, so it stays a case of its own.
        byte[] d = violation("44444444-4444-4444-8444-444444444444", t.plusSeconds(360), "51F-123.45", 0.6, "ef".repeat(32));
        job.produce(Topics.VIOLATION_DETECTED, CAM, List.of(a, a, b, c, d));
        WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> cases().size() == 4 && auditActions().size() == 7);
        assertThat(cases()).containsEntry("11111111-1111-4111-8111-111111111111", "PENDING_REVIEW/null/51F12345")
                .containsEntry("22222222-2222-4222-8222-222222222222", "DETECTED/11111111-1111-4111-8111-111111111111/51F12345")
                .containsEntry("33333333-3333-4333-8333-333333333333", "DETECTED/null/null")
                .containsEntry("44444444-4444-4444-8444-444444444444", "PENDING_REVIEW/null/51F12345");
        assertThat(auditActions()).containsExactly("case.opened", "case.status DETECTED->PENDING_REVIEW", "case.opened",
                "case.merged", "case.opened", "case.opened", "case.status DETECTED->PENDING_REVIEW");
        try (Connection conn = pg.getPostgresDatabase().getConnection()) {
            assertThat(AuditChain.check(conn).firstBroken()).as("audit chain intact").isEqualTo(-1);
        }
    }

    static byte[] violation(String id, Instant t, String plate, String evidenceSha) {
        return violation(id, t, plate, plate == null ? null : 0.95, evidenceSha);
    }

    static byte[] violation(String id, Instant t, String plate, Double plateConfidence, String evidenceSha) {
        return EventJson.toBytes(new vn.matthan.events.ViolationDetected(1, id, "red_light", "red_light:stop", "crossed_on_red", CAM, "522",
                t, "stop", "car", 4, "red", 1.2, null, false, List.of(1.0, 2.0, 3.0, 4.0), plate, plateConfidence,
                plateConfidence == null ? null : plateConfidence < 0.85,
                evidenceSha == null ? null : "evidence:sha256:" + evidenceSha, evidenceSha, "v1#abc"));
    }

    static Map<String, String> cases() throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT id, status, merged_into, plate FROM violation_case")) {
            while (rs.next()) m.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4));
        }
        return m;
    }

    static List<String> auditActions() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT action FROM audit_log ORDER BY seq")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static String uptime(Instant hour) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT samples, streaming_samples, uptime FROM camera_uptime_hour "
                     + "WHERE camera_id = '" + CAM + "' AND hour = '" + hour + "'")) {
            return rs.next() ? rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getDouble(3) : null;
        }
    }

    static byte[] passage(String cls, Instant t, long track) {
        return EventJson.toBytes(VehiclePassage.of(CAM, "l", null, cls, "forward", t, track, "v1", "s"));
    }

    static void produce(List<byte[]> values) throws Exception {
        job.produce(Topics.VEHICLE_PASSAGE, CAM, values);
    }

    static Map<String, Long> rows() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT vehicle_class, bucket, passages FROM flow_minute WHERE camera_id = '" + CAM + "'")) {
            while (rs.next()) {
                out.put(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant(), rs.getLong(3));
            }
        }
        return out;
    }

    static long latePassages() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM late_passage WHERE camera_id = '" + CAM + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> deadLetters(int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(FlowJob.DEAD_LETTER_TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                int before = out.size();
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) out.add(r.value());
                if (out.size() >= atLeast && out.size() == before) break; // read everything there is
            }
        }
        return out;
    }
}
