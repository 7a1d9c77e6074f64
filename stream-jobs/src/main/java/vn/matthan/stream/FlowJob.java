package vn.matthan.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import vn.matthan.events.CameraHealthEvent;
import vn.matthan.events.EventJson;
import vn.matthan.events.Topics;
import vn.matthan.events.VehiclePassage;

import java.time.Duration;

/**
 * Vehicle passages from Kafka → flow per camera × vehicle class × 1 minute of event time → {@code flow_minute}
 * (the current minute is written early every few seconds of event time, so the wall sees counts grow live);
 * camera.health → uptime per camera and hour → {@code camera_uptime_hour}.
 * violation.detected → one {@code violation_case} per violation (duplicates merged), audited.
 */
public final class FlowJob {
    public static final String DEAD_LETTER_TOPIC = "events.dead-letter";
    public static final String JOB_NAME = "matthan-flow";
    /** Passages whose minute closed (watermark past window end + allowed lateness) before they arrived. */
    static final OutputTag<Passage> LATE = new OutputTag<>("late-passages") {
    };

    private FlowJob() {
    }

    /** Submitted to a Flink cluster: {@code flink run -c vn.matthan.stream.FlowJob ...}. */
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, FlowJobConfig.fromEnvironment(System.getenv()));
        env.execute(JOB_NAME);
    }

    public static void build(StreamExecutionEnvironment env, FlowJobConfig cfg) {
        env.enableCheckpointing(cfg.checkpointInterval().toMillis());
        // A database or broker outage fails the job; it restarts from its last checkpoint with growing pauses,
        // for as long as the outage lasts, and then catches up from Kafka.
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(15));
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        env.configure(restart);

        SingleOutputStreamOperator<Passage> passages = env
                .fromSource(source(cfg, Topics.VEHICLE_PASSAGE), WatermarkStrategy.noWatermarks(), "vehicle.passage")
                .process(new ContractParser<>(raw -> {
                    VehiclePassage p = EventJson.readPassage(raw);
                    return new Passage(p.eventId(), p.cameraId(), p.vehicleClass(), p.time().toEpochMilli());
                })).returns(Passage.class).name("parse vehicle.passage");
        SingleOutputStreamOperator<HealthSample> health = env
                .fromSource(source(cfg, Topics.CAMERA_HEALTH), WatermarkStrategy.noWatermarks(), "camera.health")
                .process(new ContractParser<>(raw -> {
                    CameraHealthEvent h = EventJson.readHealth(raw);
                    return new HealthSample(h.cameraId(), h.time().toEpochMilli(), "STREAMING".equals(h.state()));
                })).returns(HealthSample.class).name("parse camera.health");

        SingleOutputStreamOperator<byte[]> violations = env
                .fromSource(source(cfg, Topics.VIOLATION_DETECTED), WatermarkStrategy.noWatermarks(), "violation.detected")
                .process(new ContractParser<>(raw -> {
                    EventJson.readViolation(raw); // checked here; the case sink reads the same bytes
                    return raw;
                })).returns(byte[].class).name("parse violation.detected");

        passages.getSideOutput(ContractParser.DEAD_LETTERS)
                .union(health.getSideOutput(ContractParser.DEAD_LETTERS), violations.getSideOutput(ContractParser.DEAD_LETTERS))
                .map(DeadLetter::toJson).name("dead letter as JSON")
                .sinkTo(KafkaSink.<byte[]>builder()
                        .setBootstrapServers(cfg.kafkaBootstrap())
                        .setRecordSerializer(KafkaRecordSerializationSchema.<byte[]>builder()
                                .setTopic(DEAD_LETTER_TOPIC)
                                .setValueSerializationSchema(new RawBytes())
                                .build())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build()).name("dead-letter topic");

        SingleOutputStreamOperator<FlowCount> flow = passages
                .keyBy(p -> p.eventId)
                .process(new FirstDelivery(Duration.ofHours(6))).name("first delivery of each event id")
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Passage>forBoundedOutOfOrderness(cfg.outOfOrderness())
                        .withTimestampAssigner((p, ts) -> p.timeMillis)
                        .withIdleness(Duration.ofMinutes(1)))
                .keyBy(p -> p.cameraId + '|' + p.vehicleClass)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .allowedLateness(cfg.allowedLateness())
                .sideOutputLateData(LATE)
                .trigger(ContinuousEventTimeTrigger.of(cfg.earlyFiring()))
                .aggregate(new CountPassages(), new ToFlowCount()).name("flow per camera, class, minute");
        flow.sinkTo(FlowMinuteSink.create(cfg)).name("flow_minute upsert");
        flow.getSideOutput(LATE).sinkTo(LatePassageSink.create(cfg)).name("late_passage");

        violations.sinkTo(ViolationCaseSink.create(cfg)).name("violation_case open + audit");

        health.assignTimestampsAndWatermarks(WatermarkStrategy
                        .<HealthSample>forBoundedOutOfOrderness(cfg.outOfOrderness())
                        .withTimestampAssigner((h, ts) -> h.timeMillis)
                        .withIdleness(Duration.ofMinutes(1)))
                .keyBy(h -> h.cameraId)
                .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                .trigger(ContinuousEventTimeTrigger.of(Duration.ofMinutes(1)))
                .aggregate(new CameraUptime.Count(), new CameraUptime.PerHour()).name("camera uptime per hour")
                .sinkTo(CameraUptime.sink(cfg)).name("camera_uptime_hour upsert");
    }

    private static KafkaSource<byte[]> source(FlowJobConfig cfg, String topic) {
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(cfg.kafkaBootstrap())
                .setTopics(topic)
                .setGroupId("matthan-flow-" + topic)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new RawBytes())
                .build();
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

    static final class CountPassages implements AggregateFunction<Passage, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Passage value, Long acc) {
            return acc + 1;
        }

        @Override
        public Long getResult(Long acc) {
            return acc;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    static final class ToFlowCount extends ProcessWindowFunction<Long, FlowCount, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Long> counts, Collector<FlowCount> out) {
            int bar = key.lastIndexOf('|');
            out.collect(new FlowCount(key.substring(0, bar), key.substring(bar + 1), ctx.window().getStart(),
                    counts.iterator().next()));
        }
    }
}
