package vn.matthan.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.KafkaTopics;
import vn.matthan.stream.CheckpointDirectory;
import vn.matthan.stream.FlowJob;
import vn.matthan.stream.FlowJobConfig;
import vn.matthan.schema.DatabaseSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow job stopped mid-stream and restored from its last checkpoint ends with the numbers of an uninterrupted run. */
class FlowJobRecoveryTest {
    static final String CAM = "cam-recovery";
    static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aJobRestoredFromItsCheckpointLosesNothingAndCountsNothingTwice() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
             EmbeddedKafka kafka = new EmbeddedKafka(dir)) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(url, "postgres", "postgres");
            KafkaTopics.ensure(kafka.bootstrapServers());
            FlowJobConfig cfg = FlowJobConfig.of(kafka.bootstrapServers(), url, "postgres", "postgres")
                    .withEarlyFiring(Duration.ofSeconds(5)).withOutOfOrderness(Duration.ofSeconds(2))
                    .withCheckpointInterval(Duration.ofMillis(500)).withAllowedLateness(Duration.ofSeconds(30));
            Path checkpoints = dir.resolve("checkpoints");

            List<byte[]> before = new ArrayList<>();
            for (int i = 0; i < 5; i++) before.add(passage(T0.plusSeconds(2 + i * 5), i));
            produce(kafka, before);
            JobClient first = start(cfg, checkpoints, null);
            WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> completedCheckpoint(checkpoints) != null
                    && Files.list(completedCheckpoint(checkpoints).getParent()).count() > 0);
            Thread.sleep(1500); // a checkpoint taken after the five passages were read
            first.cancel().get();

            List<byte[]> after = new ArrayList<>(before.subList(3, 5)); // a camera replaying what was sent
            for (int i = 5; i < 8; i++) after.add(passage(T0.plusSeconds(2 + i * 5), i));
            for (int i = 8; i < 12; i++) after.add(passage(T0.plusSeconds(60 + i), i));
            after.add(passage(T0.plusSeconds(300), 99)); // moves the watermark past both minutes
            produce(kafka, after);
            JobClient second = start(cfg, checkpoints, completedCheckpoint(checkpoints));
            try {
                Map<String, Long> expected = Map.of("2026-11-22T12:00:00Z", 8L, "2026-11-22T12:01:00Z", 4L);
                WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> rows(pg).entrySet().containsAll(expected.entrySet()));
                Thread.sleep(2000); // nothing more may arrive
                assertThat(rows(pg)).containsAllEntriesOf(expected);
            } finally {
                second.cancel().get();
            }
        }
    }

    private static JobClient start(FlowJobConfig cfg, Path checkpoints, Path restoreFrom) throws Exception {
        Configuration conf = new Configuration();
        // The node's way: checkpoints in a folder, resumed from the newest one found there.
        assertThat(CheckpointDirectory.configure(conf, checkpoints)).isEqualTo(restoreFrom);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        FlowJob.build(env, cfg);
        return env.executeAsync(FlowJob.JOB_NAME);
    }

    static Path completedCheckpoint(Path root) {
        return CheckpointDirectory.latest(root);
    }

    static byte[] passage(Instant t, long track) {
        return EventJson.toBytes(VehiclePassage.of(CAM, "l", null, "car", "forward", t, track, "v1", "s"));
    }

    static void produce(EmbeddedKafka kafka, List<byte[]> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (byte[] v : values) producer.send(new ProducerRecord<>(Topics.VEHICLE_PASSAGE, CAM, v)).get();
        }
    }

    static Map<String, Long> rows(EmbeddedPostgres pg) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT bucket, passages FROM flow_minute WHERE camera_id = '" + CAM + "' AND vehicle_class = 'car'")) {
            while (rs.next()) out.put(rs.getTimestamp(1).toInstant().toString(), rs.getLong(2));
        }
        return out;
    }
}
