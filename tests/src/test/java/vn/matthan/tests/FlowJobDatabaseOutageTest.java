package vn.matthan.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.KafkaTopics;
import vn.matthan.stream.FlowJob;
import vn.matthan.stream.FlowJobConfig;
import vn.matthan.schema.DatabaseSchema;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.matthan.tests.FlowJobRecoveryTest.passage;
import static vn.matthan.tests.FlowJobRecoveryTest.produce;
import static vn.matthan.tests.FlowJobRecoveryTest.rows;

/** The database is down for 30 s while passages keep coming: afterwards the numbers are those of a run without outage. */
class FlowJobDatabaseOutageTest {
    static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aThirtySecondDatabaseOutageLosesNoPassage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = postgres(data, port);
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir)) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(url, "postgres", "postgres");
            KafkaTopics.ensure(kafka.bootstrapServers());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            FlowJob.build(env, FlowJobConfig.of(kafka.bootstrapServers(), url, "postgres", "postgres")
                    .withEarlyFiring(Duration.ofSeconds(5)).withOutOfOrderness(Duration.ofSeconds(2))
                    .withCheckpointInterval(Duration.ofMillis(500)).withAllowedLateness(Duration.ofSeconds(30)));
            JobClient job = env.executeAsync(FlowJob.JOB_NAME);
            try {
                List<byte[]> first = new ArrayList<>();
                for (int i = 0; i < 4; i++) first.add(passage(T0.plusSeconds(2 + i * 5), i));
                produce(kafka, first);
                final EmbeddedPostgres up = pg;
                WholeIocEndToEndTest.eventually(Duration.ofSeconds(60), () -> !rows(up).isEmpty());

                pg.close(); // the database goes away
                List<byte[]> during = new ArrayList<>();
                for (int i = 4; i < 9; i++) during.add(passage(T0.plusSeconds(2 + i * 5), i));
                for (int i = 9; i < 15; i++) during.add(passage(T0.plusSeconds(60 + i), i));
                during.add(passage(T0.plusSeconds(300), 99));
                produce(kafka, during);
                Thread.sleep(30_000);
                pg = postgres(data, port); // and comes back with its data
                // Cameras keep sending: their next passage moves event time on, so the restored windows fire.
                produce(kafka, List.of(passage(T0.plusSeconds(360), 100)));

                Map<String, Long> expected = Map.of("2026-11-22T12:00:00Z", 9L, "2026-11-22T12:01:00Z", 6L);
                final EmbeddedPostgres back = pg;
                try {
                    WholeIocEndToEndTest.eventually(Duration.ofSeconds(90), () -> rows(back).entrySet().containsAll(expected.entrySet()));
                } catch (AssertionError e) {
                    throw new AssertionError("rows " + rows(back) + ", job " + job.getJobStatus().get(), e);
                }
                assertThat(rows(pg)).containsAllEntriesOf(expected);
            } finally {
                job.cancel().get();
            }
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
