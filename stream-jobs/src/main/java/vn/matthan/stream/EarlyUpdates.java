package vn.matthan.stream;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;

/**
 * An event-time window's final result when the watermark passes its end (and again for each allowed late element),
 * plus an early result at most {@code every} of wall-clock time after new elements arrived. Early results follow
 * arrivals, not event time: the wall sees a live count within a second, while a catch-up after an outage (hours of
 * event time read in minutes) does not fire once for every few seconds of event time it replays.
 * Flink ships the two halves separately (EventTimeTrigger, ContinuousProcessingTimeTrigger) but not together.
 */
public final class EarlyUpdates extends Trigger<Object, TimeWindow> {
    private final long everyMillis;
    private final ValueStateDescriptor<Long> pending = new ValueStateDescriptor<>("early-update-at", Long.class);

    private EarlyUpdates(Duration every) {
        this.everyMillis = every.toMillis();
    }

    public static EarlyUpdates every(Duration every) {
        return new EarlyUpdates(every);
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) throws Exception {
        if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.FIRE; // a late element, within lateness
        ValueState<Long> at = ctx.getPartitionedState(pending);
        if (at.value() == null) {
            // The first element since the last early result: the window's end timer once here, not for each element
            // (registering is idempotent but costs a timer-queue lookup).
            ctx.registerEventTimeTimer(window.maxTimestamp());
            long when = ctx.getCurrentProcessingTime() + everyMillis;
            ctx.registerProcessingTimeTimer(when);
            at.update(when);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.getPartitionedState(pending).clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
        return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        ValueState<Long> at = ctx.getPartitionedState(pending);
        if (at.value() != null) ctx.deleteProcessingTimeTimer(at.value());
        at.clear();
    }

    @Override
    public boolean canMerge() {
        return false;
    }

    @Override
    public String toString() {
        return "EarlyUpdates(" + everyMillis + " ms)";
    }
}
