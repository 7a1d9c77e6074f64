package vn.matthan.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Lets each event id through once (keyed by event id): a producer retry or a replayed camera session never
 * counts a vehicle (or a violation) twice. Ids are remembered for {@code memory}, longer than any replay the system makes.
 */
public class FirstDelivery<T> extends KeyedProcessFunction<String, T, T> {
    private final Duration memory;
    private transient ValueState<Boolean> seen;

    public FirstDelivery(Duration memory) {
        this.memory = memory;
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Boolean.class);
        d.enableTimeToLive(StateTtlConfig.newBuilder(memory).build());
        seen = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(T p, Context ctx, Collector<T> out) throws Exception {
        if (seen.value() != null) return;
        seen.update(true);
        out.collect(p);
    }
}
