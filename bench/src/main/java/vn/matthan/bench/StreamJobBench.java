package vn.matthan.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.node.EmbeddedKafka;
import vn.matthan.node.KafkaTopics;
import vn.matthan.stream.CheckpointDirectory;
import vn.matthan.stream.EventStreams;
import vn.matthan.stream.FlowJob;
import vn.matthan.stream.FlowJobConfig;
import vn.matthan.schema.DatabaseSchema;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream job's speed. {@code flink-events-per-core}: passage events through the whole passage path of the job
 * (parse, first delivery, watermarks, the camera's minute window for flow per class and per lane × type, and the
 * sinks of raw passages, flow and lane flow into PostgreSQL) on a MiniCluster, per CPU-second of the job's JVM in steady
 * state, with the database's CPU per event beside it; next to a plain Java loop doing the same work (parse,
 * de-duplicate, count, COPY the same rows) in the same run.
 * {@code passage-to-row-latency-ms}: from handing a passage to the Kafka producer to its row being visible in
 * PostgreSQL, with the job reading from a real broker; next to the broker's own producer → consumer time.
 */
final class StreamJobBench {
    private static volatile byte[][] events;

    private StreamJobBench() {
    }

    // ---------------- throughput ----------------

    static BenchResult eventsPerCore(int n) throws Exception {
        events = passages(n);
        Path dir = Files.createTempDirectory("stream-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(url, "postgres", "postgres");
            FlowJobConfig cfg = FlowJobConfig.of("unused:9092", url, "postgres", "postgres").withEarlyFiring(Duration.ofSeconds(5));
            runFlink(cfg, dir.resolve("checkpoints-warm-up")); // warm-up: class loading, JIT
            plain(url);
            int runs = 5;
            double[] job = new double[runs], withDb = new double[runs], plainJvm = new double[runs], plainAll = new double[runs],
                    wall = new double[runs], jvm = new double[runs], db = new double[runs], whole = new double[runs];
            for (int k = 0; k < runs; k++) {
                truncate(url);
                Run r = runFlink(cfg, dir.resolve("checkpoints-" + k));
                int steady = r.steadyEvents;
                wall[k] = steady / r.steadyWallSeconds;
                job[k] = steady / r.steady[0];
                withDb[k] = steady / (r.steady[0] + r.steady[1]);
                jvm[k] = r.steady[0] * 1e6 / steady;
                db[k] = r.steady[1] * 1e6 / steady;
                whole[k] = n / r.whole[0];
                double[] p = plain(url);
                plainJvm[k] = n / p[0];
                plainAll[k] = n / (p[0] + p[1]);
            }
            double f = DetectorStepBench.median(job), p = DetectorStepBench.median(plainJvm);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("events", n);
            d.put("measured", "steady state: CPU-seconds of the JVM running the job (MiniCluster: task, network, checkpoint, GC and "
                    + "JIT threads) between the 10 % and the 90 % event handed to it; median of " + runs + " runs");
            d.put("events_per_s_wall", BenchResult.round(DetectorStepBench.median(wall)));
            d.put("jvm_cpu_us_per_event", BenchResult.round(DetectorStepBench.median(jvm)));
            d.put("database_cpu_us_per_event", BenchResult.round(DetectorStepBench.median(db)));
            d.put("events_per_core_with_database", BenchResult.round(DetectorStepBench.median(withDb)));
            d.put("events_per_core_whole_run", BenchResult.round(DetectorStepBench.median(whole)));
            d.put("plain_java_events_per_core", BenchResult.round(p));
            d.put("plain_java_events_per_core_with_database", BenchResult.round(DetectorStepBench.median(plainAll)));
            d.put("path", "parse → keyed by camera → first delivery → watermarks → the camera's 1-min tumbling minutes counted as "
                    + "passages arrive, early, final and late results (flow per class; per lane × type with speed and headway; "
                    + "junction passages) → JDBC sinks (vehicle_passage, "
                    + "flow_minute and traffic_flow_observed: one unnest statement per batch; rows new to the sink inserted plainly, "
                    + "rows it wrote before upserted)");
            d.put("cpu", "per core = per CPU-second of the job's JVM, parallelism 1; the database's CPU beside it "
                    + "(events_per_core_with_database counts both)");
            d.put("anchor", "Nexmark q5 sliding window ≈ 22,000 events/s per core on Flink 1.13 (Flink's cores, no database)");
            d.put("goal", ">= 50,000 events/s per core");
            return new BenchResult("flink-events-per-core", f, "events/s per core", f / p,
                    "plain Java loop doing the same parse, de-duplication, counting and COPY of the same rows, same run (its JVM CPU)", d);
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    /** CPU-seconds {jvm, database} of a run: over the steady part (10 %–90 % of the events handed on) and in all. */
    private record Run(double[] steady, double steadyWallSeconds, int steadyEvents, double[] whole) {
    }

    private static final java.util.concurrent.atomic.AtomicLong handed = new java.util.concurrent.atomic.AtomicLong();
    private static volatile CpuMeter meter;
    private static final double[][] marks = new double[2][];
    private static final long[] markNanos = new long[2];

    /** Called by the source for each event it hands on; notes the CPU at the two marks. */
    private static void handedOn(long from, long to) {
        long k = handed.incrementAndGet();
        if (k == from || k == to) {
            int m = k == from ? 0 : 1;
            markNanos[m] = System.nanoTime();
            marks[m] = meter.seconds();
        }
    }

    /** Runs the job over the prepared events. */
    private static Run runFlink(FlowJobConfig cfg, Path checkpoints) throws Exception {
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        CheckpointDirectory.configure(conf, checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        long from = events.length / 10, to = events.length * 9L / 10;
        handed.set(0);
        marks[0] = marks[1] = null;
        FlowJob.build(env, cfg, new EventStreams() {
            @Override
            public DataStream<byte[]> read(StreamExecutionEnvironment e, String topic, WatermarkStrategy<byte[]> eventTime) {
                long last = topic.equals(Topics.VEHICLE_PASSAGE) ? events.length - 1 : -1;
                return e.fromSequence(0, Math.max(0, last)).filter(i -> i <= last).map(i -> {
                    handedOn(from, to);
                    return events[(int) (long) i];
                }).returns(byte[].class).assignTimestampsAndWatermarks(eventTime); // one source: one watermark, as a partition
            }

            @Override
            public Sink<byte[]> write(String topic) {
                return new DiscardingSink<>();
            }
        });
        try (CpuMeter cpu = new CpuMeter()) {
            meter = cpu;
            env.execute("bench");
            double[] all = cpu.seconds();
            if (marks[0] == null || marks[1] == null) throw new IllegalStateException("the source did not hand on every event");
            return new Run(new double[]{marks[1][0] - marks[0][0], marks[1][1] - marks[0][1]}, (markNanos[1] - markNanos[0]) / 1e9,
                    (int) (to - from), all);
        }
    }

    /** The same work without Flink: CPU-seconds {JVM, database}. */
    private static double[] plain(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS passage_copy; CREATE TABLE passage_copy (LIKE vehicle_passage INCLUDING ALL)");
            st.execute("DROP TABLE IF EXISTS flow_copy; CREATE TABLE flow_copy (LIKE flow_minute INCLUDING ALL)");
            st.execute("DROP TABLE IF EXISTS lane_copy; CREATE TABLE lane_copy (LIKE traffic_flow_observed INCLUDING ALL)");
            try (CpuMeter cpu = new CpuMeter()) {
                Set<String> seen = new HashSet<>();
                Map<String, long[]> flow = new HashMap<>();
                Map<String, long[]> lanes = new HashMap<>();
                StringBuilder raw = new StringBuilder();
                for (byte[] b : events) {
                    VehiclePassage p = EventJson.readPassage(b);
                    if (!seen.add(p.eventId())) continue;
                    long minute = p.time().toEpochMilli() / 60_000 * 60_000;
                    raw.append(p.eventId()).append(',').append(p.time()).append(',').append(p.cameraId()).append(',').append(p.countLine())
                            .append(',').append(p.lane()).append(',').append(p.vehicleClass()).append(',').append(p.direction()).append(",\n");
                    flow.computeIfAbsent(p.cameraId() + ',' + p.vehicleClass() + ',' + Instant.ofEpochMilli(minute), k -> new long[1])[0]++;
                    lanes.computeIfAbsent(p.cameraId() + ',' + p.lane() + ',' + p.vehicleClass() + ',' + Instant.ofEpochMilli(minute), k -> new long[1])[0]++;
                }
                StringBuilder f = new StringBuilder(), l = new StringBuilder();
                flow.forEach((k, v) -> f.append(k).append(',').append(v[0]).append('\n'));
                lanes.forEach((k, v) -> l.append(k).append(',').append(v[0]).append('\n'));
                var copy = c.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn("COPY passage_copy (event_id, time, camera_id, count_line, lane_id, vehicle_type, direction, speed_kmh) FROM STDIN (FORMAT csv)",
                        new StringReader(raw.toString()));
                copy.copyIn("COPY flow_copy (camera_id, vehicle_class, bucket, passages) FROM STDIN (FORMAT csv)", new StringReader(f.toString()));
                copy.copyIn("COPY lane_copy (camera_id, lane_id, vehicle_type, date_observed_from, intensity) FROM STDIN (FORMAT csv)",
                        new StringReader(l.toString()));
                return cpu.seconds();
            }
        }
    }

    /** Passages of 200 cameras × 3 lanes over two hours, slightly out of order, with 0.5 % producer retries. */
    static byte[][] passages(int n) {
        Instant t0 = Instant.parse("2026-11-20T06:00:00Z");
        java.util.Random rnd = new java.util.Random(7);
        String[] classes = {"motorbike", "motorbike", "motorbike", "car", "car", "bus", "truck"};
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; out.size() < n; i++) {
            Instant t = t0.plusMillis(i * 7_200_000L / n + rnd.nextInt(3000) - 1500);
            String cam = "cam-" + (i % 200);
            byte[] b = EventJson.toBytes(VehiclePassage.of(cam, "stop", "L" + (rnd.nextInt(3) + 1), classes[rnd.nextInt(classes.length)],
                    "forward", t, i, "v1", "bench"));
            out.add(b);
            if (rnd.nextInt(200) == 0 && out.size() < n) out.add(b);
        }
        return out.toArray(new byte[0][]);
    }

    // ---------------- latency ----------------

    static BenchResult passageToRowLatency(int n, Duration spacing) throws Exception {
        Path dir = Files.createTempDirectory("latency-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
             EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"))) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(url, "postgres", "postgres");
            KafkaTopics.ensure(kafka.bootstrapServers());
            // The settings a cluster deployment and the demo node get (FlowJobConfig defaults).
            FlowJobConfig cfg = FlowJobConfig.fromEnvironment(Map.of("IOC_KAFKA_BOOTSTRAP", kafka.bootstrapServers(), "IOC_DB_URL", url,
                    "IOC_DB_USER", "postgres", "IOC_DB_PASSWORD", "postgres"));
            org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
            CheckpointDirectory.configure(conf, dir.resolve("checkpoints"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            FlowJob.build(env, cfg);
            var job = env.executeAsync("latency");
            Map<String, Long> sent = new ConcurrentHashMap<>(), rowSeen = new ConcurrentHashMap<>(), brokerSeen = new ConcurrentHashMap<>();
            Map<String, Long> minuteOf = new ConcurrentHashMap<>();
            Map<String, Long> flowSeen = new ConcurrentHashMap<>();
            List<String> order = new ArrayList<>();
            Thread rows = poller(url, rowSeen, flowSeen);
            Thread broker = brokerWatcher(kafka.bootstrapServers(), brokerSeen);
            try {
                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                    Thread.sleep(5000); // the job's sources are up
                    for (int i = 0; i < n; i++) {
                        VehiclePassage v = VehiclePassage.of("cam-lat", "stop", "L1", "car", "forward", Instant.now(), i, "v1", "latency");
                        long minute = v.time().toEpochMilli() / 60_000 * 60_000;
                        sent.put(v.eventId(), System.nanoTime());
                        minuteOf.put(v.eventId(), minute);
                        order.add(v.eventId());
                        producer.send(new ProducerRecord<>(Topics.VEHICLE_PASSAGE, "cam-lat", EventJson.toBytes(v)));
                        producer.flush();
                        Thread.sleep(spacing.toMillis());
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline && rowSeen.size() < n) Thread.sleep(50);
                Thread.sleep(15_000); // the last flow minute's early firings
            } finally {
                rows.interrupt();
                broker.interrupt();
                job.cancel().get();
            }
            double[] row = latencies(order, sent, rowSeen), kafkaOnly = latencies(order, sent, brokerSeen);
            // A passage's flow count is written when its minute's row first counts it (early firing on event time).
            double[] flow = flowLatencies(order, sent, minuteOf, flowSeen);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("p50", BenchResult.round(percentile(row, 50)));
            d.put("p99", BenchResult.round(percentile(row, 99)));
            d.put("passages", n);
            d.put("rows_seen", row.length);
            d.put("broker_p50_ms", BenchResult.round(percentile(kafkaOnly, 50)));
            d.put("broker_p99_ms", BenchResult.round(percentile(kafkaOnly, 99)));
            d.put("flow_count_p50_ms", BenchResult.round(percentile(flow, 50)));
            d.put("flow_count_p99_ms", BenchResult.round(percentile(flow, 99)));
            d.put("row", "the passage's own vehicle_passage row (sink flushes within 200 ms, checkpoint or not)");
            d.put("flow_count", "flow_minute counts it: the minute's early result, written at most 1 s (wall clock) after new passages");
            d.put("settings", "FlowJobConfig.fromEnvironment: checkpoints 5 s, out-of-orderness 5 s, early results 1 s; one passage every "
                    + spacing.toMillis() + " ms; polled every 5 ms");
            return new BenchResult("passage-to-row-latency-ms", percentile(row, 99), "ms (p99)", percentile(row, 99) / percentile(kafkaOnly, 99),
                    "the broker alone: producer send → a plain consumer receives it, same run (p99)", d);
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    private static Thread poller(String url, Map<String, Long> rowSeen, Map<String, Long> flowSeen) {
        Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
                while (!Thread.currentThread().isInterrupted()) {
                    try (ResultSet rs = st.executeQuery("SELECT event_id FROM vehicle_passage WHERE camera_id = 'cam-lat'")) {
                        long now = System.nanoTime();
                        while (rs.next()) rowSeen.putIfAbsent(rs.getString(1), now);
                    }
                    try (ResultSet rs = st.executeQuery("SELECT bucket, passages FROM flow_minute WHERE camera_id = 'cam-lat'")) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            long minute = rs.getTimestamp(1).getTime();
                            for (int k = 1; k <= rs.getInt(2); k++) flowSeen.putIfAbsent(minute + "#" + k, now);
                        }
                    }
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "row-poller");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Thread brokerWatcher(String bootstrap, Map<String, Long> seen) {
        Thread t = new Thread(() -> {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-watcher");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of(Topics.VEHICLE_PASSAGE));
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        try {
                            seen.putIfAbsent(EventJson.readPassage(r.value()).eventId(), now);
                        } catch (Exception ignored) {
                            // only passages are timed
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                Thread.currentThread().interrupt();
            }
        }, "broker-watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double[] latencies(List<String> order, Map<String, Long> sent, Map<String, Long> seen) {
        return order.stream().filter(seen::containsKey).mapToDouble(id -> (seen.get(id) - sent.get(id)) / 1e6).toArray();
    }

    private static double[] flowLatencies(List<String> order, Map<String, Long> sent, Map<String, Long> minuteOf, Map<String, Long> flowSeen) {
        Map<Long, Integer> nth = new HashMap<>();
        List<Double> out = new ArrayList<>();
        for (String id : order) {
            long minute = minuteOf.get(id);
            int k = nth.merge(minute, 1, Integer::sum);
            Long seen = flowSeen.get(minute + "#" + k);
            if (seen != null) out.add((seen - sent.get(id)) / 1e6);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double percentile(double[] v, double p) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    private static void truncate(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute("TRUNCATE vehicle_passage, flow_minute, traffic_flow_observed, late_passage");
        }
    }

}
