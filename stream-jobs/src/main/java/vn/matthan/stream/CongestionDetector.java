package vn.matthan.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raises and clears congestion per camera from its minutes, in event-time order (window results of one key come in
 * order). Each raise and each later congested minute emits the episode as it stands; the clear emits it closed.
 * A minute with no reports breaks a run of minutes (it cannot be judged), but does not end a raised episode.
 */
public class CongestionDetector extends KeyedProcessFunction<String, JunctionMinute, Congestion> {
    private static final long MINUTE = 60_000;
    private final CongestionRule rule;
    private transient ValueState<Episode> state;

    /** Per camera: the current run of congested or free minutes and the raised episode, if any. A Flink POJO. */
    public static class Episode {
        public long lastMinute = Long.MIN_VALUE;
        public int congestedRun;
        public long runStart;
        public int freeRun;
        public long freeStart;
        public boolean raised;
        public long episodeStart;
        public long minutes;
        public double peak;
        public long lowest = Long.MAX_VALUE;
    }

    public CongestionDetector(CongestionRule rule) {
        this.rule = rule;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("episode", Episode.class));
    }

    @Override
    public void processElement(JunctionMinute m, Context ctx, Collector<Congestion> out) throws Exception {
        Episode e = state.value();
        if (e == null) e = new Episode();
        Boolean congested = rule.congested(m);
        boolean contiguous = m.startMillis == e.lastMinute + MINUTE;
        e.lastMinute = m.startMillis;
        if (congested == null) {
            e.congestedRun = 0;
            e.freeRun = 0;
        } else if (congested) {
            e.freeRun = 0;
            if (e.congestedRun == 0 || !contiguous) {
                e.congestedRun = 0;
                e.runStart = m.startMillis;
                if (!e.raised) {
                    e.minutes = 0;
                    e.peak = 0;
                    e.lowest = Long.MAX_VALUE;
                }
            }
            e.congestedRun++;
            e.minutes++;
            e.peak = Math.max(e.peak, m.meanVehiclesInView);
            e.lowest = Math.min(e.lowest, m.passages);
            String state = Congestion.ONGOING;
            if (!e.raised && e.congestedRun >= rule.raiseAfterMinutes()) {
                e.raised = true;
                e.episodeStart = e.runStart;
                state = Congestion.RAISED;
            }
            if (e.raised) out.collect(new Congestion(m.cameraId, state, e.episodeStart, 0, e.minutes, e.peak, e.lowest));
        } else {
            e.congestedRun = 0;
            if (e.freeRun == 0 || !contiguous) {
                e.freeRun = 0;
                e.freeStart = m.startMillis;
            }
            e.freeRun++;
            if (e.raised && e.freeRun >= rule.clearAfterMinutes()) {
                out.collect(new Congestion(m.cameraId, Congestion.CLEARED, e.episodeStart, e.freeStart, e.minutes, e.peak, e.lowest));
                e.raised = false;
            }
        }
        state.update(e);
    }
}
