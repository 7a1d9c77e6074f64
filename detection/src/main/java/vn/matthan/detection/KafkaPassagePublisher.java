package vn.matthan.detection;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes passages to Kafka keyed by camera id; idempotent producer, asynchronous sends. */
public final class KafkaPassagePublisher implements PassagePublisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaPassagePublisher.class);
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public KafkaPassagePublisher(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000); // never stall the camera thread for long
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "matthan-detection");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(VehiclePassage passage) {
        try {
            producer.send(new ProducerRecord<>(Topics.VEHICLE_PASSAGE, passage.cameraId(), EventJson.toBytes(passage)),
                    (md, e) -> {
                        if (e == null) {
                            sent.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            log.error("camera {}: passage {} not delivered to Kafka: {}", passage.cameraId(),
                                    passage.eventId(), e.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.error("camera {}: passage {} not sent to Kafka: {}", passage.cameraId(), passage.eventId(), e.getMessage());
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
