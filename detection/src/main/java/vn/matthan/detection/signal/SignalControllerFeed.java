package vn.matthan.detection.signal;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.events.EventJson;
import vn.matthan.events.MalformedEventException;
import vn.matthan.events.SignalPhaseChange;
import vn.matthan.events.Topics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads signal controllers' phase changes ({@code signal.phase}) and hands each to the cameras whose scenes listen
 * to that controller. A malformed message is logged and skipped; it never stops the feed. Every node reads all
 * changes (its own consumer group), because any of its cameras may watch any controller.
 */
public final class SignalControllerFeed implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SignalControllerFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<SignalBoard> boards = new CopyOnWriteArrayList<>();
    private final AtomicLong applied = new AtomicLong(), rejected = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean assigned;

    public SignalControllerFeed(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "matthan-signals-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.SIGNAL_PHASE), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                assigned = !partitions.isEmpty();
            }
        });
    }

    public void listen(SignalBoard board) {
        boards.add(board);
    }

    /** True once the consumer has its partitions, so no change sent from now on is missed. */
    public boolean isAssigned() {
        return assigned;
    }

    public long applied() {
        return applied.get();
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) apply(r.value());
            }
        } catch (WakeupException e) {
            if (running) throw e;
        } finally {
            consumer.close();
        }
    }

    private void apply(byte[] json) {
        SignalPhaseChange c;
        try {
            c = EventJson.readSignalPhase(json);
        } catch (MalformedEventException e) {
            rejected.incrementAndGet();
            log.warn("signal.phase: message skipped: {}: {}", e.getMessage(), EventJson.preview(json));
            return;
        }
        SignalPhase phase = SignalPhase.valueOf(c.phase().toUpperCase());
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, c.time());
        boolean anyone = false;
        for (SignalBoard b : boards) anyone |= b.controllerChange(c.controllerId(), micros, phase);
        if (anyone) applied.incrementAndGet();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
