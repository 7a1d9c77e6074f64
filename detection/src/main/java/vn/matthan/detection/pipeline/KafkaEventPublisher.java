package vn.matthan.detection.pipeline;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes events to Kafka keyed by camera id; idempotent producer, asynchronous sends, never blocks long. */
public final class KafkaEventPublisher implements DetectionEvents {
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public KafkaEventPublisher(String bootstrapServers) {
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
    public void passage(VehiclePassage passage) {
        publish(Topics.VEHICLE_PASSAGE, passage.cameraId(), passage.eventId(), passage);
    }

    @Override
    public void violation(ViolationDetected v) {
        publish(Topics.VIOLATION_DETECTED, v.cameraId(), v.violationId(), v);
    }

    public void publish(CameraHealthEvent health) {
        publish(Topics.CAMERA_HEALTH, health.cameraId(), health.eventId(), health);
    }

    private void publish(String topic, String cameraId, String eventId, Object event) {
        try {
            producer.send(new ProducerRecord<>(topic, cameraId, EventJson.toBytes(event)), (md, e) -> {
                if (e == null) {
                    sent.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    log.error("camera {}: {} {} not delivered to Kafka: {}", cameraId, topic, eventId, e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.error("camera {}: {} {} not sent to Kafka: {}", cameraId, topic, eventId, e.getMessage());
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
