package vn.matthan.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The camera's minutes on a MiniCluster, where a bounded input moves the watermark past every minute at once. */
class CameraMinuteTest {

    @Test
    void eachCompleteMinuteReachesTheJunctionOnceStampedWithItsOwnEnd() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        long t0 = 1_763_856_000_000L; // a minute's start
        List<Passage> passages = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            for (int k = 0; k <= minute; k++) {
                passages.add(new Passage("p" + minute + "-" + k, "cam-j", "stop", "L1", "car", "forward", null, t0 + minute * 60_000L + k * 1000L));
            }
        }
        SingleOutputStreamOperator<FlowCount> flow = env.fromData(passages)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Passage>forMonotonousTimestamps().withTimestampAssigner((p, ts) -> p.timeMillis))
                .keyBy(p -> p.cameraId)
                .process(new CameraMinute(Duration.ofMinutes(2), Duration.ofSeconds(1))).returns(FlowCount.class);
        List<String> junction = flow.getSideOutput(CameraMinute.JUNCTION)
                .process(new ProcessFunction<JunctionMinute.Signal, String>() {
                    @Override
                    public void processElement(JunctionMinute.Signal s, Context ctx, Collector<String> out) {
                        out.collect("stamped " + (ctx.timestamp() - t0) + " minute end " + (s.timeMillis - t0) + " passages " + s.passages);
                    }
                }).executeAndCollect(100);
        assertThat(junction).containsExactlyInAnyOrder(
                "stamped 59999 minute end 59999 passages 1",
                "stamped 119999 minute end 119999 passages 2",
                "stamped 179999 minute end 179999 passages 3",
                "stamped 239999 minute end 239999 passages 4");
    }
}
