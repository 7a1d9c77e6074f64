package vn.matthan.stream;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One camera's minute of passages, in one window for everything computed from it: the flow per vehicle class
 * (main output, early and final), the flow per lane and type with speed and headway ({@link #LANES}, early and
 * final), and once, when the minute is complete, the junction's passage count and speed for the congestion check
 * ({@link #JUNCTION}). One window instead of three keeps each passage to one shuffle and one copy in state.
 */
final class CameraMinute extends ProcessWindowFunction<Passage, FlowCount, String, TimeWindow> {
    static final OutputTag<LaneFlow> LANES = new OutputTag<>("lane-flow") {
    };
    static final OutputTag<JunctionMinute.Signal> JUNCTION = new OutputTag<>("junction-passages") {
    };
    private final ValueStateDescriptor<Boolean> junctionSent = new ValueStateDescriptor<>("junction-minute-sent", Boolean.class);

    @Override
    public void process(String camera, Context ctx, Iterable<Passage> passages, Collector<FlowCount> out) throws Exception {
        long start = ctx.window().getStart();
        Map<String, long[]> byClass = new TreeMap<>();
        Map<String, List<Passage>> byLane = new TreeMap<>();
        long count = 0, speedSamples = 0;
        double speedSum = 0;
        for (Passage p : passages) {
            byClass.computeIfAbsent(p.vehicleClass, k -> new long[1])[0]++;
            byLane.computeIfAbsent(p.lane, k -> new ArrayList<>()).add(p);
            count++;
            if (p.speedKmh != null) {
                speedSum += p.speedKmh;
                speedSamples++;
            }
        }
        for (Map.Entry<String, long[]> e : byClass.entrySet()) out.collect(new FlowCount(camera, e.getKey(), start, e.getValue()[0]));
        for (Map.Entry<String, List<Passage>> e : byLane.entrySet()) {
            LaneFlow.ofLane(camera, e.getKey(), start, e.getValue(), row -> ctx.output(LANES, row));
        }
        // The congestion check judges complete minutes only: not early results, and a minute only once.
        ValueState<Boolean> sent = ctx.windowState().getState(junctionSent);
        if (ctx.currentWatermark() >= ctx.window().maxTimestamp() && sent.value() == null) {
            ctx.output(JUNCTION, JunctionMinute.Signal.passages(camera, ctx.window().maxTimestamp(), count, speedSum, speedSamples));
            sent.update(Boolean.TRUE);
        }
    }

    @Override
    public void clear(Context ctx) {
        ctx.windowState().getState(junctionSent).clear();
    }
}
