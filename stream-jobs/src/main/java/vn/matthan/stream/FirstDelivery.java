package vn.matthan.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.UUID;

/**
 * Lets each event id through once: a producer retry or a replayed camera session never counts a vehicle (or a
 * violation) twice. The stream may be keyed by the id itself or by anything the id determines (passages by camera,
 * so that the camera's minute windows that follow need no second shuffle).
 * <p>
 * Ids are remembered for at least {@code memory} of processing time (at most twice that): two generations of ids,
 * the older dropped whole when the newer has been filled for {@code memory}. An id is kept as its 128 bits (a UUID's
 * own, else the first half of its SHA-256) split into a key and a value of longs: a checkpoint writes 16 bytes per id
 * instead of a 36-character string, and no per-entry expiry is needed (Flink's state TTL copied each whole map on its
 * cleanup visits, which cost more than all the rest of the job). A different id sharing the first 64 bits is let
 * through, never dropped.
 */
public class FirstDelivery<T> extends KeyedProcessFunction<String, T, T> {
    private final long memoryMillis;
    private final KeySelector<T, String> idOf;
    private transient MapState<Long, Long> even, odd;
    private transient ValueState<Long> generation;

    public FirstDelivery(Duration memory, KeySelector<T, String> idOf) {
        this.memoryMillis = memory.toMillis();
        this.idOf = idOf;
    }

    @Override
    public void open(OpenContext ctx) {
        even = getRuntimeContext().getMapState(new MapStateDescriptor<>("first-seen-even", Types.LONG, Types.LONG));
        odd = getRuntimeContext().getMapState(new MapStateDescriptor<>("first-seen-odd", Types.LONG, Types.LONG));
        generation = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen-generation", Types.LONG));
    }

    @Override
    public void processElement(T e, Context ctx, Collector<T> out) throws Exception {
        long[] bits = bits(idOf.getKey(e));
        Long a = even.get(bits[0]), b = odd.get(bits[0]);
        if ((a != null && a == bits[1]) || (b != null && b == bits[1])) return;
        Long g = generation.value();
        if (g == null) {
            g = ctx.timerService().currentProcessingTime() / memoryMillis;
            generation.update(g);
            ctx.timerService().registerProcessingTimeTimer((g + 1) * memoryMillis);
        }
        if (a == null && b == null) (g % 2 == 0 ? even : odd).put(bits[0], bits[1]);
        out.collect(e);
    }

    /** A generation is over: the one before it is forgotten, and the ended one becomes the older. */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<T> out) throws Exception {
        long next = time / memoryMillis;
        (next % 2 == 0 ? even : odd).clear();
        if (even.isEmpty() && odd.isEmpty()) {
            generation.clear();
            return;
        }
        generation.update(next);
        ctx.timerService().registerProcessingTimeTimer((next + 1) * memoryMillis);
    }

    static long[] bits(String id) {
        try {
            UUID u = UUID.fromString(id);
            if (u.toString().equals(id)) return new long[]{u.getMostSignificantBits(), u.getLeastSignificantBits()};
        } catch (IllegalArgumentException notUuid) {
            // any other id: hashed below
        }
        try {
            ByteBuffer h = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
            return new long[]{h.getLong(), h.getLong()};
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }
}
