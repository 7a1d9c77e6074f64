package vn.matthan.tests;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.signal.SignalControllerFeed;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.signal.SignalBoard;
import vn.matthan.detection.signal.SignalPhase;
import vn.matthan.testscenes.JunctionLayout;
import vn.matthan.events.EventJson;
import vn.matthan.events.SignalPhaseChange;
import vn.matthan.events.Topics;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.KafkaTopics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A signal controller publishes phase changes on a real Kafka broker; the camera's signal board follows them. */
class SignalControllerFeedTest {
    @TempDir
    Path dir;

    @Test
    void phaseChangesFromTheControllerReachTheCameraAndBadMessagesAreSkipped() throws Exception {
        Path yaml = dir.resolve("scene.yaml");
        Files.writeString(yaml, JunctionLayout.calibrationYaml("controller"));
        SignalBoard board = new SignalBoard(SceneCalibration.load(yaml));
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"))) {
            KafkaTopics.ensure(kafka.bootstrapServers());
            try (SignalControllerFeed feed = new SignalControllerFeed(kafka.bootstrapServers());
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                         new StringSerializer(), new ByteArraySerializer())) {
                feed.listen(board);
                Thread t = new Thread(feed);
                t.start();
                long deadline = System.currentTimeMillis() + 30_000;
                while (!feed.isAssigned() && System.currentTimeMillis() < deadline) Thread.sleep(100);

                Instant red = Instant.parse("2026-11-22T01:00:10Z");
                send(producer, "{not json".getBytes(StandardCharsets.UTF_8));
                send(producer, EventJson.toBytes(new SignalPhaseChange(1, "synthetic-junction", "purple", red)));
                send(producer, EventJson.toBytes(new SignalPhaseChange(1, "synthetic-junction", "green", red.minusSeconds(15))));
                send(producer, EventJson.toBytes(new SignalPhaseChange(1, "synthetic-junction", "red", red)));
                send(producer, EventJson.toBytes(new SignalPhaseChange(1, "another-junction", "green", red)));
                producer.flush();
                while (feed.applied() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(100);

                long at = ChronoUnit.MICROS.between(Instant.EPOCH, red.plusMillis(1500));
                assertThat(board.timelines().get("north").at(at).phase()).isEqualTo(SignalPhase.RED);
                assertThat(board.timelines().get("north").at(at).secondsInto(at)).isEqualTo(1.5);
                assertThat(board.timelines().get("north").at(at - 2_000_000).phase()).isEqualTo(SignalPhase.GREEN);
                assertThat(feed.rejected()).as("unreadable JSON and an unknown phase").isEqualTo(2);
                feed.close();
                t.join(10_000);
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> p, byte[] value) {
        p.send(new ProducerRecord<>(Topics.SIGNAL_PHASE, "synthetic-junction", value));
    }
}
