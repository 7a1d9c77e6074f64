package vn.matthan.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where the job's raw events come from and where the events it emits go: Kafka topics in production and in the
 * tests; the benchmark feeds pre-serialised events to measure the job without the broker.
 */
public interface EventStreams {
    /**
     * A topic's raw records, stamped with their event time and watermarked by {@code eventTime} where they are read:
     * for Kafka, inside the source, so that each partition has its own watermark (see {@link FlowJob#eventTime}).
     */
    DataStream<byte[]> read(StreamExecutionEnvironment env, String topic, WatermarkStrategy<byte[]> eventTime);

    Sink<byte[]> write(String topic);

    static EventStreams kafka(FlowJobConfig cfg) {
        return new EventStreams() {
            @Override
            public DataStream<byte[]> read(StreamExecutionEnvironment env, String topic, WatermarkStrategy<byte[]> eventTime) {
                KafkaSource<byte[]> source = KafkaSource.<byte[]>builder()
                        .setBootstrapServers(cfg.kafkaBootstrap())
                        .setTopics(topic)
                        .setGroupId("matthan-flow-" + topic)
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setValueOnlyDeserializer(new FlowJob.RawBytes())
                        .build();
                // Given to the source (not assigned after it), the strategy runs per partition: the source's watermark is
                // the lowest of its partitions', idle ones left out.
                return env.fromSource(source, eventTime, topic).uid("source-" + topic);
            }

            @Override
            public Sink<byte[]> write(String topic) {
                return KafkaSink.<byte[]>builder()
                        .setBootstrapServers(cfg.kafkaBootstrap())
                        .setRecordSerializer(KafkaRecordSerializationSchema.<byte[]>builder()
                                .setTopic(topic)
                                .setValueSerializationSchema(new FlowJob.RawBytes())
                                .build())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
            }
        };
    }
}
