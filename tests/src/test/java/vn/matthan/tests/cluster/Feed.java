package vn.matthan.tests.cluster;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Camera nodes' producers as configured in production (idempotent, acks=all), sending the traffic keyed by camera, one
 * second of sending time after the other, each second acknowledged by the in-sync replicas before the next, paced at
 * {@code wallPerSecond} of wall clock per second of traffic.
 */
final class Feed {
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile int second = -1;

    private Feed() {
    }

    static Feed start(String bootstrap, Traffic traffic, Duration wallPerSecond) {
        Feed feed = new Feed();
        Thread t = new Thread(() -> {
            try {
                feed.run(bootstrap, traffic, wallPerSecond);
                feed.done.complete(null);
            } catch (Throwable e) {
                feed.done.completeExceptionally(e);
            }
        }, "feed");
        t.setDaemon(true);
        t.start();
        return feed;
    }

    private void run(String bootstrap, Traffic traffic, Duration wallPerSecond) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        long start = System.nanoTime();
        int next = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int s = 0; next < traffic.events.size(); s++) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                while (next < traffic.events.size() && traffic.events.get(next).sentAt() < s + 1) {
                    Traffic.Event e = traffic.events.get(next++);
                    sent.add(producer.send(new ProducerRecord<>(e.topic(), e.camera(), e.value())));
                }
                producer.flush();
                for (Future<RecordMetadata> f : sent) f.get(); // acknowledged by the in-sync replicas, or an error
                second = s;
                long due = start + wallPerSecond.multipliedBy(s + 1).toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    /** Waits until the given second of traffic is acknowledged. */
    void awaitSecond(int s, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (second < s) {
            if (done.isCompletedExceptionally()) done.join();
            if (System.nanoTime() > deadline) throw new IllegalStateException("feed not at second " + s + " within " + timeout);
            Thread.sleep(50);
        }
    }

    void awaitDone(Duration timeout) throws Exception {
        done.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
