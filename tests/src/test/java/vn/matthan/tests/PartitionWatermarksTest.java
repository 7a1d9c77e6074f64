package vn.matthan.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.KafkaTopics;
import vn.matthan.schema.DatabaseSchema;
import vn.matthan.stream.FlowJob;
import vn.matthan.stream.FlowJobConfig;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow job on a topic of three partitions, as a city's Kafka holds it (cameras spread over partitions by key):
 * partition 0 carries a camera that is up to date, partition 1 a camera whose passages arrive minutes late in one
 * batch (a node catching up), partition 2 nothing at all. Each partition has its own watermark, so the late batch is on
 * time in its own partition and counts in full, and the empty partition, once idle, does not stop minutes closing.
 */
class PartitionWatermarksTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String FAST = "cam-fast";
    /** Sends stragglers on partition 0 to see when minutes close. */
    static final String PROBE = "cam-probe";
    static final int PARALLELISM = 2;
    /** Long enough for the late batch to arrive before its partition is thought idle, short for the test. */
    static final Duration IDLENESS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aPartitionMinutesBehindCountsInFullAndAnIdlePartitionHoldsNothingBack() throws Exception {
        // Both cameras are counted by the same parallel instance, as dozens of a city's cameras are: a watermark made
        // after the partitions are merged would carry the up-to-date camera's clock over to the late one.
        String late = sameSubtaskAs(FAST);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
             EmbeddedKafka kafka = new EmbeddedKafka(dir)) {
            String db = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(db, "postgres", "postgres");
            createPassageTopic(kafka.bootstrapServers(), 3);
            KafkaTopics.ensure(kafka.bootstrapServers()); // the other topics; vehicle.passage exists

            // Partition 0: ten minutes of the up-to-date camera, 10:05 to 10:14. Partition 1: the late camera's first
            // passage of 10:00 is there from the start (it is behind, not silent).
            Map<String, Long> expected = new TreeMap<>();
            List<byte[]> fast = passages(FAST, 5, 10, expected);
            List<byte[]> lateBatch = passages(late, 0, 10, expected);
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
                send(producer, 0, FAST, fast);
                send(producer, 1, late, lateBatch.subList(0, 1));

                StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM);
                FlowJob.build(env, FlowJobConfig.of(kafka.bootstrapServers(), db, "postgres", "postgres")
                        .withEarlyFiring(Duration.ofSeconds(1)).withOutOfOrderness(Duration.ofSeconds(2))
                        .withCheckpointInterval(Duration.ofSeconds(1)).withAllowedLateness(Duration.ofSeconds(30))
                        .withIdleness(IDLENESS));
                JobClient job = env.executeAsync("partition-watermarks");
                long started = System.nanoTime();
                try {
                    // The up-to-date camera's ten minutes are read (its raw rows stored) before the late batch comes.
                    WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> stored(pg, FAST) == fast.size());
                    send(producer, 1, late, lateBatch.subList(1, lateBatch.size()));
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the late batch came before partition 1 could be idle")
                            .isLessThan(IDLENESS);

                    // Exact counts per camera, class and minute: nothing of the late camera was dropped as late.
                    WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> flow(pg).equals(expected));
                    assertThat(flow(pg)).isEqualTo(expected);
                    assertThat(latePassages(pg)).as("late_passage").isEmpty();

                    // Partition 2 never had a passage: once idle it holds no one back, and minutes close. Seen from
                    // outside: a straggler of 10:05 (long closed by the others' clocks) is then kept as late, not
                    // counted. One is sent every 2 s until one is kept late (those before count in their minute).
                    WholeIocEndToEndTest.eventually(IDLENESS.plusSeconds(40), () -> {
                        send(producer, 0, PROBE, List.of(passage(PROBE, T0.plusSeconds(5 * 60 + 10), "bus", System.nanoTime())));
                        Thread.sleep(1500);
                        return !latePassages(pg).isEmpty();
                    });
                    assertThat(latePassages(pg)).containsExactly(PROBE + "@" + T0.plusSeconds(5 * 60 + 10));
                    Map<String, Long> cameras = new TreeMap<>(flow(pg));
                    cameras.keySet().removeIf(k -> k.startsWith(PROBE + "/"));
                    assertThat(cameras).as("the two cameras' minutes, unchanged").isEqualTo(expected);
                } finally {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Passages of `minutes` minutes from T0 + `from` min: 2 + (minute mod 3) cars and one motorbike a minute. */
    static List<byte[]> passages(String camera, int from, int minutes, Map<String, Long> expected) {
        List<byte[]> out = new ArrayList<>();
        for (int m = from; m < from + minutes; m++) {
            Instant minute = T0.plusSeconds(60L * m);
            int cars = 2 + m % 3;
            for (int i = 0; i < cars; i++) out.add(passage(camera, minute.plusSeconds(3 + 11L * i), "car", m * 10L + i));
            out.add(passage(camera, minute.plusSeconds(50), "motorbike", m * 10L + 9));
            expected.put(camera + "/car@" + minute, (long) cars);
            expected.put(camera + "/motorbike@" + minute, 1L);
        }
        return out;
    }

    static byte[] passage(String camera, Instant t, String cls, long track) {
        return EventJson.toBytes(VehiclePassage.of(camera, "l", null, cls, "forward", t, track, "v1", "s"));
    }

    /** A camera id whose passages the job keys to the same parallel instance as {@code camera}'s. */
    static String sameSubtaskAs(String camera) {
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
        int target = KeyGroupRangeAssignment.assignKeyToParallelOperator(camera, maxParallelism, PARALLELISM);
        for (int i = 0; ; i++) {
            String id = "cam-late-" + i;
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(id, maxParallelism, PARALLELISM) == target) return id;
        }
    }

    static void createPassageTopic(String bootstrap, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(Topics.VEHICLE_PASSAGE, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** To one partition, as the key's partition would be in a city's topic; returns once the broker has them. */
    static void send(KafkaProducer<String, byte[]> producer, int partition, String camera, List<byte[]> values) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (byte[] v : values) sent.add(producer.send(new ProducerRecord<>(Topics.VEHICLE_PASSAGE, partition, camera, v)));
        for (var f : sent) f.get(30, TimeUnit.SECONDS);
    }

    static long stored(EmbeddedPostgres pg, String camera) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM vehicle_passage WHERE camera_id = '" + camera + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, Long> flow(EmbeddedPostgres pg) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT camera_id, vehicle_class, bucket, passages FROM flow_minute")) {
            while (rs.next()) out.put(rs.getString(1) + "/" + rs.getString(2) + "@" + rs.getTimestamp(3).toInstant(), rs.getLong(4));
        }
        return out;
    }

    static List<String> latePassages(EmbeddedPostgres pg) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT camera_id, event_time FROM late_passage ORDER BY event_time")) {
            while (rs.next()) out.add(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant());
        }
        return out;
    }
}
