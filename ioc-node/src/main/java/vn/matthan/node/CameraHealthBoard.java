package vn.matthan.node;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.CameraStatus;
import vn.matthan.api.CameraStatusSource;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.events.EventJson;
import vn.matthan.events.MalformedEventException;
import vn.matthan.events.Topics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camera status for an API node that runs no camera: the latest {@code camera.health} report of each camera, read
 * from Kafka, so every API node shows what the camera nodes report. A camera whose node stopped reporting for
 * {@link #SILENT_AFTER} (two missed reports and 2 s for the way through Kafka) is shown STALLED with the reason: a dead
 * camera node goes red on the wall within 15 s of its death (its last report at most one period before it, then the
 * wall's 2 s refresh) while the others keep counting.
 */
final class CameraHealthBoard implements CameraStatusSource, Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraHealthBoard.class);
    static final Duration SILENT_AFTER = CameraHealthEvent.REPORT_PERIOD.multipliedBy(2).plusSeconds(2);
    /** On start, reports this far back give each camera's state at once instead of after its next report. */
    private static final Duration LOOK_BACK = SILENT_AFTER;

    private record Seen(CameraHealthEvent report, Instant at) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Seen> latest = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean running = true;

    CameraHealthBoard(String bootstrap, Clock clock) {
        this.clock = clock;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // Every API node reads every report (its own group), with nothing to commit: it only keeps the latest.
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "matthan-health-board-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        try {
            var partitions = consumer.partitionsFor(Topics.CAMERA_HEALTH).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            long since = clock.instant().minus(LOOK_BACK).toEpochMilli();
            consumer.offsetsForTimes(partitions.stream().collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> since)))
                    .forEach((tp, found) -> {
                        if (found != null) consumer.seek(tp, found.offset());
                        else consumer.seekToEnd(List.of(tp));
                    });
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) take(r.value());
            }
        } catch (WakeupException e) {
            if (running) throw e;
        } catch (RuntimeException e) {
            log.error("camera health board stopped: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    private void take(byte[] json) {
        try {
            CameraHealthEvent h = EventJson.readHealth(json);
            // The report's own time, not its arrival: a backlog read at start must not make a dead node look alive.
            latest.merge(h.cameraId(), new Seen(h, h.time()), (old, now) -> now.at().isAfter(old.at()) ? now : old);
        } catch (MalformedEventException e) {
            log.warn("camera.health: report skipped: {}", e.getMessage());
        }
    }

    @Override
    public CameraStatus status(String cameraId) {
        Seen seen = latest.get(cameraId);
        if (seen == null) return CameraStatus.UNKNOWN;
        Duration silent = Duration.between(seen.at(), clock.instant());
        CameraHealthEvent h = seen.report();
        if (silent.compareTo(SILENT_AFTER) > 0) {
            return new CameraStatus("STALLED", null, "no health report from its camera node for " + silent.toSeconds() + " s");
        }
        CameraHealthEvent.Totals t = h.totals();
        CameraStatus.Counters counters = new CameraStatus.Counters(h.inputFps(), h.analysedFps(),
                t == null ? 0 : t.decodedFrames(), t == null ? 0 : t.analysedFrames(), h.droppedFrames(), h.damagedPackets(),
                h.reconnects(), h.lastFrameAgeMs(), t == null ? 0 : t.vehiclesSeen(), t == null ? 0 : t.passages());
        return new CameraStatus(h.state(), counters, h.lastError());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
