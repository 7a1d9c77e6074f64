package vn.matthan.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.KafkaTopics;
import vn.matthan.stream.FlowJob;
import vn.matthan.stream.FlowJobConfig;
import vn.matthan.schema.DatabaseSchema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The stream job on a MiniCluster between a real Kafka broker and a real PostgreSQL, with the test timings: results
 * early within 5 s, 2 s out-of-orderness, checkpoints every second, 30 s allowed lateness.
 */
final class StreamJobFixture implements AutoCloseable {
    final EmbeddedPostgres pg;
    final EmbeddedKafka kafka;
    final JobClient job;

    StreamJobFixture(Path dir, String jobName) throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        kafka = new EmbeddedKafka(dir);
        KafkaTopics.ensure(kafka.bootstrapServers());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        FlowJob.build(env, FlowJobConfig.of(kafka.bootstrapServers(), pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")
                .withEarlyFiring(Duration.ofSeconds(5)).withOutOfOrderness(Duration.ofSeconds(2))
                .withCheckpointInterval(Duration.ofSeconds(1)).withAllowedLateness(Duration.ofSeconds(30)));
        job = env.executeAsync(jobName);
    }

    /** Sends the events to a topic, keyed by camera, and waits until the broker has them. */
    void produce(String topic, String key, List<byte[]> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) producer.send(new ProducerRecord<>(topic, key, v)).get();
        }
    }

    @Override
    public void close() throws Exception {
        if (job != null) job.cancel().get();
        if (kafka != null) kafka.close();
        if (pg != null) pg.close();
    }
}
