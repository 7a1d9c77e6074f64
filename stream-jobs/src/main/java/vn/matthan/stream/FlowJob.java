package vn.matthan.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The IOC's stream job, in event time with bounded out-of-orderness, idle-source handling and checkpoints:
 * vehicle passages → each stored once ({@code vehicle_passage}), flow per camera × class × minute ({@code flow_minute};
 * the current minute is written early, within a second of new passages, so the wall sees counts grow live) and per
 * lane × type × minute with speed and headway ({@code traffic_flow_observed}); late passages → {@code late_passage};
 * camera.health → uptime per camera and hour ({@code camera_uptime_hour});
 * violation.detected → one {@code violation_case} per violation (duplicates merged), audited, and counts per camera,
 * unit and type (and by vehicle class) per 5 minutes and per Vietnamese day; passages + vehicles in view → congestion raised and cleared
 * ({@code congestion_event}, topic {@code junction.congestion}).
 */
public final class FlowJob {
    public static final String DEAD_LETTER_TOPIC = "events.dead-letter";
    public static final String JOB_NAME = "matthan-flow";
    /** Passages whose minute closed (watermark past window end + allowed lateness) before they arrived. */
    static final OutputTag<Passage> LATE = new OutputTag<>("late-passages") {
    };
    static final OutputTag<ViolationSeen> LATE_VIOLATIONS = new OutputTag<>("late-violations") {
    };
    /** Days run from midnight in Vietnam (UTC+7). */
    static final Duration VIETNAM_MIDNIGHT = Duration.ofHours(-7);

    private FlowJob() {
    }

    /**
     * Submitted to a Flink cluster ({@code flink run -c vn.matthan.stream.FlowJob ...}, or over REST by
     * {@link FlinkRestSubmitter}): the settings are the {@code IOC_*} environment variables of the process that runs
     * this method, each replaceable by an argument {@code NAME=value} (a REST submission runs it in the JobManager,
     * whose environment the submitting node does not control).
     */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, FlowJobConfig.fromEnvironment(settings(args, System.getenv())));
        env.execute(JOB_NAME);
    }

    /** The environment with each {@code NAME=value} argument put over it. */
    static Map<String, String> settings(String[] args, Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(environment);
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("argument '" + a + "' is not NAME=value");
            settings.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return settings;
    }

    public static void build(StreamExecutionEnvironment env, FlowJobConfig cfg) {
        build(env, cfg, EventStreams.kafka(cfg));
    }

    /** Stateful operators carry fixed uids, so a restored checkpoint finds its state after the job is changed. */
    public static void build(StreamExecutionEnvironment env, FlowJobConfig cfg, EventStreams events) {
        env.enableCheckpointing(cfg.checkpointInterval().toMillis());
        // Chained operators hand records on without copying them; no function here changes a record it was given.
        env.getConfig().enableObjectReuse();
        // A database or broker outage fails the job; it restarts from its last checkpoint with growing pauses,
        // for as long as the outage lasts, and then catches up from Kafka.
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(15));
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        env.configure(restart);

        SingleOutputStreamOperator<Passage> passages = events.read(env, Topics.VEHICLE_PASSAGE, eventTime(cfg))
                .process(new ContractParser<>(raw -> {
                    VehiclePassage p = EventJson.readPassage(raw);
                    Passage passage = new Passage(p.eventId(), p.cameraId(), p.countLine(), p.lane(), p.vehicleClass(), p.direction(),
                            p.speedKmh(), p.time().toEpochMilli());
                    if (p.plateStatus() != null) {
                        passage.plate = new Passage.PassagePlate(p.plateStatus(), p.plate(), p.plateDisplay(), p.plateConfidence(),
                                p.plateNeedsCheck(), p.thumbnailSha256());
                    }
                    return passage;
                })).returns(Passage.class).name("parse vehicle.passage").uid("parse-passage");
        SingleOutputStreamOperator<HealthSample> health = events.read(env, Topics.CAMERA_HEALTH, eventTime(cfg))
                .process(new ContractParser<>(raw -> {
                    CameraHealthEvent h = EventJson.readHealth(raw);
                    return new HealthSample(h.cameraId(), h.time().toEpochMilli(), "STREAMING".equals(h.state()),
                            h.vehiclesInView() == null ? -1 : h.vehiclesInView());
                })).returns(HealthSample.class).name("parse camera.health").uid("parse-health");
        SingleOutputStreamOperator<byte[]> violations = events.read(env, Topics.VIOLATION_DETECTED, eventTime(cfg))
                .process(new ContractParser<>(raw -> {
                    EventJson.readViolation(raw); // checked here; the case sink reads the same bytes
                    return raw;
                })).returns(byte[].class).name("parse violation.detected").uid("parse-violation");

        passages.getSideOutput(ContractParser.DEAD_LETTERS)
                .union(health.getSideOutput(ContractParser.DEAD_LETTERS), violations.getSideOutput(ContractParser.DEAD_LETTERS))
                .map(DeadLetter::toJson).name("dead letter as JSON")
                .sinkTo(events.write(DEAD_LETTER_TOPIC)).name("dead-letter topic").uid("sink-dead-letter");

        // Passages keyed by camera once: first deliveries, the raw rows, and the camera's minute window all follow
        // without another shuffle (the first-delivery operator keeps the camera partitioning).
        SingleOutputStreamOperator<Passage> timed = passages
                .keyBy(p -> p.cameraId)
                .process(new FirstDelivery<Passage>(Duration.ofHours(6), p -> p.eventId)).returns(Passage.class)
                .name("first delivery of each passage").uid("first-delivery-passage-by-camera");
        timed.sinkTo(VehiclePassageSink.create(cfg)).name("vehicle_passage (raw, once)").uid("sink-vehicle-passage");

        SingleOutputStreamOperator<FlowCount> flow = DataStreamUtils.reinterpretAsKeyedStream(timed, p -> p.cameraId)
                .process(new CameraMinute(cfg.allowedLateness(), cfg.earlyFiring())).returns(FlowCount.class)
                .name("camera minute: flow per class and lane, junction passages").uid("camera-minutes");
        flow.sinkTo(FlowMinuteSink.create(cfg)).name("flow_minute upsert").uid("sink-flow-minute");
        flow.getSideOutput(LATE).sinkTo(LatePassageSink.create(cfg)).name("late_passage").uid("sink-late-passage");
        flow.getSideOutput(CameraMinute.LANES).sinkTo(TrafficFlowSink.create(cfg))
                .name("traffic_flow_observed upsert").uid("sink-lane-flow");

        violations.sinkTo(ViolationCaseSink.create(cfg)).name("violation_case open + audit").uid("sink-violation-case");
        DataStream<ViolationSeen> seen = violations
                .map(raw -> {
                    ViolationDetected v = EventJson.readViolation(raw);
                    return new ViolationSeen(v.violationId(), v.cameraId(), v.unitCode(), v.violationType(), v.vehicleClass(), v.time().toEpochMilli());
                }).returns(ViolationSeen.class).name("violation counted fields")
                .keyBy(v -> v.violationId)
                .process(new FirstDelivery<ViolationSeen>(Duration.ofHours(6), v -> v.violationId)).returns(ViolationSeen.class).name("first delivery of each violation").uid("first-delivery-violation");
        SingleOutputStreamOperator<ViolationCount> fiveMinutes = seen
                .keyBy(ViolationCount::key)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .allowedLateness(cfg.allowedLateness())
                .sideOutputLateData(LATE_VIOLATIONS)
                .trigger(EarlyUpdates.every(cfg.earlyFiring()))
                .aggregate(new Counting<ViolationSeen>(), new ViolationCount.InWindow()).name("violations per camera, unit, type, 5 min").uid("window-violations-5min");
        fiveMinutes.sinkTo(ViolationCount.sink(cfg, "violation_5min")).name("violation_5min upsert").uid("sink-violation-5min");
        fiveMinutes.getSideOutput(LATE_VIOLATIONS).sinkTo(LateEventSink.violations(cfg)).name("late violations").uid("sink-late-violations");
        seen.keyBy(ViolationCount::key)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1), VIETNAM_MIDNIGHT))
                .allowedLateness(cfg.allowedLateness())
                .trigger(EarlyUpdates.every(cfg.earlyFiring()))
                .aggregate(new Counting<ViolationSeen>(), new ViolationCount.InWindow()).name("violations per camera, unit, type, day").uid("window-violations-day")
                .sinkTo(ViolationCount.sink(cfg, "violation_day")).name("violation_day upsert").uid("sink-violation-day");
        // The same detections by vehicle class (Tiền Giang: ~70 % motorbikes). Late ones are kept once, by the 5-minute window above.
        seen.keyBy(ViolationCount::classKey)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
                .allowedLateness(cfg.allowedLateness())
                .trigger(EarlyUpdates.every(cfg.earlyFiring()))
                .aggregate(new Counting<ViolationSeen>(), new ViolationCount.InWindowByClass()).name("violations per camera, unit, type, class, 5 min").uid("window-violations-class-5min")
                .sinkTo(ViolationCount.classSink(cfg, "violation_class_5min")).name("violation_class_5min upsert").uid("sink-violation-class-5min");
        seen.keyBy(ViolationCount::classKey)
                .window(TumblingEventTimeWindows.of(Duration.ofDays(1), VIETNAM_MIDNIGHT))
                .allowedLateness(cfg.allowedLateness())
                .trigger(EarlyUpdates.every(cfg.earlyFiring()))
                .aggregate(new Counting<ViolationSeen>(), new ViolationCount.InWindowByClass()).name("violations per camera, unit, type, class, day").uid("window-violations-class-day")
                .sinkTo(ViolationCount.classSink(cfg, "violation_class_day")).name("violation_class_day upsert").uid("sink-violation-class-day");

        health.keyBy(h -> h.cameraId)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .trigger(EarlyUpdates.every(cfg.earlyFiring()))
                .aggregate(new CameraUptime.Count(), new CameraUptime.PerHour()).name("camera uptime per hour").uid("window-uptime")
                .sinkTo(CameraUptime.sink(cfg)).name("camera_uptime_hour upsert").uid("sink-uptime");

        // Congestion: each camera's minute (passages and speed from the camera minute, vehicles in view from health),
        // judged once the minute is complete.
        SingleOutputStreamOperator<Congestion> congestion = flow.getSideOutput(CameraMinute.JUNCTION)
                .union(health.map(JunctionMinute.Signal::of).returns(JunctionMinute.Signal.class))
                .keyBy(s -> s.cameraId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .aggregate(new JunctionMinute.Sum(), new JunctionMinute.InWindow()).name("junction minute").uid("window-junction-minute")
                .keyBy(m -> m.cameraId)
                .process(new CongestionDetector(cfg.congestion())).name("congestion raised / cleared").uid("congestion-detector");
        congestion.sinkTo(CongestionSink.create(cfg)).name("congestion_event upsert").uid("sink-congestion");
        congestion.map(c -> EventJson.toBytes(c.toEvent())).returns(byte[].class).name("congestion as JSON")
                .sinkTo(events.write(Topics.JUNCTION_CONGESTION)).name("junction.congestion topic").uid("sink-congestion-topic");
    }

    /**
     * Event time of every topic, stamped on the raw record at the source: the event's own {@code time}, bounded
     * out-of-orderness, and a partition silent for the idleness holds no one back. Kafka's source runs it per
     * partition, so a partition whose cameras run minutes behind (a backlog, a slow node) holds the watermark back
     * instead of finding its passages late against another partition's clock, which a watermark made after the
     * partitions are merged would do. Every time-based step downstream (camera minutes, violation windows, uptime,
     * congestion) reads these timestamps.
     */
    public static WatermarkStrategy<byte[]> eventTime(FlowJobConfig cfg) {
        return WatermarkStrategy.<byte[]>forBoundedOutOfOrderness(cfg.outOfOrderness())
                .withTimestampAssigner((raw, kafkaTime) -> EventJson.timeMillis(raw))
                .withIdleness(cfg.idleness());
    }

    /** Kafka record values passed through as they are; parsing happens in {@link ContractParser}. */
    static final class RawBytes extends AbstractDeserializationSchema<byte[]> implements SerializationSchema<byte[]> {
        @Override
        public byte[] deserialize(byte[] message) {
            return message;
        }

        @Override
        public byte[] serialize(byte[] element) {
            return element;
        }
    }
}
