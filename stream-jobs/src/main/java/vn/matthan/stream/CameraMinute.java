package vn.matthan.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.Arrays;

/**
 * One camera's minutes of passages (tumbling, event time), counted as they arrive, and everything computed from a
 * minute: the flow per vehicle class (main output), the flow per lane and type with speed and headway ({@link #LANES}),
 * and once, when the minute is complete, the junction's passage count and speed for the congestion check
 * ({@link #JUNCTION}).
 * <p>
 * A minute's result is written early, at most {@code early} of wall-clock time after new passages (arrivals, not event
 * time: a catch-up after an outage does not fire for every few seconds of event time it replays), finally when the
 * watermark passes the minute's end, and again for each passage up to {@code lateness} after that; later passages
 * go to {@link FlowJob#LATE}. Each result carries the minute's whole count, so rewriting a row is idempotent.
 * <p>
 * Written as a process function rather than Flink's window operator because that operator keeps every passage of
 * the minute in state and registers a cleanup timer for each one; here a passage is one state read and one write,
 * a minute two timers, and a checkpoint holds counts instead of passages (measured in flink-events-per-core).
 */
final class CameraMinute extends KeyedProcessFunction<String, Passage, FlowCount> {
    static final OutputTag<LaneFlow> LANES = new OutputTag<>("lane-flow") {
    };
    static final OutputTag<JunctionMinute.Signal> JUNCTION = new OutputTag<>("junction-passages") {
    };
    static final long MINUTE = 60_000;

    private final long latenessMillis;
    private final long earlyMillis;
    private transient ValueState<OpenMinutes> open;

    CameraMinute(Duration lateness, Duration early) {
        this.latenessMillis = lateness.toMillis();
        this.earlyMillis = early.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open-minutes", OpenMinutes.class));
    }

    @Override
    public void processElement(Passage p, Context ctx, Collector<FlowCount> out) throws Exception {
        long start = p.timeMillis - Math.floorMod(p.timeMillis, MINUTE), end = start + MINUTE - 1;
        long watermark = ctx.timerService().currentWatermark();
        if (end + latenessMillis <= watermark) {
            ctx.output(FlowJob.LATE, p);
            return;
        }
        OpenMinutes minutes = open.value();
        if (minutes == null) minutes = new OpenMinutes();
        MinuteTally t = minutes.find(start);
        if (t == null) {
            t = minutes.add(start);
            ctx.timerService().registerEventTimeTimer(end);
            ctx.timerService().registerEventTimeTimer(end + latenessMillis);
        }
        t.add(p);
        if (end <= watermark) {
            complete(ctx.getCurrentKey(), t, ctx, out); // a late passage within lateness: the minute's result again now
        } else {
            t.changed = true;
            if (!minutes.earlyPending) {
                ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + earlyMillis);
                minutes.earlyPending = true;
            }
        }
        open.update(minutes);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<FlowCount> out) throws Exception {
        OpenMinutes minutes = open.value();
        if (minutes == null) return;
        String camera = ctx.getCurrentKey();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            minutes.earlyPending = false;
            for (MinuteTally t : minutes.minutes) {
                if (t.changed && !t.complete) {
                    emit(camera, t, ctx, out);
                    t.changed = false;
                }
            }
        } else {
            // Judged by the timer's own time, not the watermark (already past every timer it releases): each minute
            // completes in its own end timer, so what it emits carries the minute's end as its timestamp, as the
            // junction's minute windows downstream need.
            for (MinuteTally t : minutes.minutes) {
                if (!t.complete && t.start + MINUTE - 1 <= time) complete(camera, t, ctx, out);
            }
            minutes.dropUpTo(time - latenessMillis - MINUTE + 1);
        }
        if (minutes.minutes.length == 0 && !minutes.earlyPending) open.clear();
        else open.update(minutes);
    }

    /** The watermark has passed the minute's end: its result, and the first time also the junction's minute. */
    private static void complete(String camera, MinuteTally t, Context ctx, Collector<FlowCount> out) {
        emit(camera, t, ctx, out);
        t.changed = false;
        if (t.complete) return;
        t.complete = true;
        // The congestion check judges complete minutes only, each once.
        ctx.output(JUNCTION, JunctionMinute.Signal.passages(camera, t.start + MINUTE - 1, t.count, t.speedSum, t.speedSamples));
    }

    private static void emit(String camera, MinuteTally t, Context ctx, Collector<FlowCount> out) {
        for (int i : sortedBy(t.classes)) out.collect(new FlowCount(camera, t.classes[i], t.start, t.classCounts[i]));
        Integer[] cellsByType = sortedBy(t.cellTypes);
        for (int l : sortedBy(t.lanes)) {
            // The mean gap between successive vehicles of the lane: the first-to-last span over the gaps between them.
            Double headway = t.laneCounts[l] >= 2 ? (t.laneLast[l] - t.laneFirst[l]) / 1000.0 / (t.laneCounts[l] - 1) : null;
            for (int c : cellsByType) {
                if (!t.cellLanes[c].equals(t.lanes[l])) continue;
                long samples = t.cellSpeedSamples[c];
                ctx.output(LANES, new LaneFlow(camera, t.lanes[l], t.cellTypes[c], t.start, t.cellCounts[c],
                        samples > 0 ? t.cellSpeedSums[c] / samples : null, samples, headway));
            }
        }
    }

    private static Integer[] sortedBy(String[] names) {
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        return order;
    }

    /** A camera's minutes still open for passages (up to the allowed lateness), and whether an early result is due. */
    public static class OpenMinutes {
        public MinuteTally[] minutes = new MinuteTally[0];
        public boolean earlyPending;

        MinuteTally find(long start) {
            for (MinuteTally t : minutes) if (t.start == start) return t;
            return null;
        }

        MinuteTally add(long start) {
            MinuteTally t = new MinuteTally();
            t.start = start;
            minutes = Arrays.copyOf(minutes, minutes.length + 1);
            minutes[minutes.length - 1] = t;
            return t;
        }

        /** Forgets the minutes starting at or before {@code lastStart}. */
        void dropUpTo(long lastStart) {
            minutes = Arrays.stream(minutes).filter(t -> t.start > lastStart).toArray(MinuteTally[]::new);
        }
    }

    /**
     * One minute's counts: per class; per lane (first and last passage, for headway); per lane × type (count, speed).
     * Parallel arrays of a few entries each, searched linearly: a Flink POJO of arrays, serialized without Kryo.
     */
    public static class MinuteTally {
        public long start;
        public boolean complete;
        public boolean changed;
        public long count;
        public double speedSum;
        public long speedSamples;
        public String[] classes = new String[0];
        public long[] classCounts = new long[0];
        public String[] lanes = new String[0];
        public long[] laneFirst = new long[0];
        public long[] laneLast = new long[0];
        public long[] laneCounts = new long[0];
        public String[] cellLanes = new String[0];
        public String[] cellTypes = new String[0];
        public long[] cellCounts = new long[0];
        public double[] cellSpeedSums = new double[0];
        public long[] cellSpeedSamples = new long[0];

        void add(Passage p) {
            count++;
            boolean speed = p.speedKmh != null;
            if (speed) {
                speedSum += p.speedKmh;
                speedSamples++;
            }
            int c = classIndex(p.vehicleClass); // before touching classCounts: finding a new class replaces the array
            classCounts[c]++;
            int l = laneIndex(p.lane);
            laneFirst[l] = Math.min(laneFirst[l], p.timeMillis);
            laneLast[l] = Math.max(laneLast[l], p.timeMillis);
            laneCounts[l]++;
            int k = cell(p.lane, p.vehicleClass);
            cellCounts[k]++;
            if (speed) {
                cellSpeedSums[k] += p.speedKmh;
                cellSpeedSamples[k]++;
            }
        }

        private int classIndex(String type) {
            int c = indexOf(classes, type);
            if (c >= 0) return c;
            c = classes.length;
            classes = Arrays.copyOf(classes, c + 1);
            classes[c] = type;
            classCounts = Arrays.copyOf(classCounts, c + 1);
            return c;
        }

        private int laneIndex(String lane) {
            int l = indexOf(lanes, lane);
            if (l >= 0) return l;
            l = lanes.length;
            lanes = Arrays.copyOf(lanes, l + 1);
            lanes[l] = lane;
            laneFirst = Arrays.copyOf(laneFirst, l + 1);
            laneFirst[l] = Long.MAX_VALUE;
            laneLast = Arrays.copyOf(laneLast, l + 1);
            laneLast[l] = Long.MIN_VALUE;
            laneCounts = Arrays.copyOf(laneCounts, l + 1);
            return l;
        }

        private int cell(String lane, String type) {
            for (int k = 0; k < cellTypes.length; k++) if (cellTypes[k].equals(type) && cellLanes[k].equals(lane)) return k;
            int k = cellTypes.length;
            cellLanes = Arrays.copyOf(cellLanes, k + 1);
            cellLanes[k] = lane;
            cellTypes = Arrays.copyOf(cellTypes, k + 1);
            cellTypes[k] = type;
            cellCounts = Arrays.copyOf(cellCounts, k + 1);
            cellSpeedSums = Arrays.copyOf(cellSpeedSums, k + 1);
            cellSpeedSamples = Arrays.copyOf(cellSpeedSamples, k + 1);
            return k;
        }

        private static int indexOf(String[] names, String name) {
            for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
            return -1;
        }
    }
}
