package vn.matthan.stream;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
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
 * own, else the first half of its SHA-256), and a generation as one {@link IdTable} array per key: a checkpoint
 * copies and writes 16 bytes per id, no per-entry expiry is needed (Flink's state TTL copied each whole map on its
 * cleanup visits, which cost more than all the rest of the job), and a passage costs two state reads and one write.
 */
public class FirstDelivery<T> extends KeyedProcessFunction<String, T, T> {
    private final long memoryMillis;
    private final KeySelector<T, String> idOf;
    private transient ValueState<long[]> newer, older;

    public FirstDelivery(Duration memory, KeySelector<T, String> idOf) {
        this.memoryMillis = memory.toMillis();
        this.idOf = idOf;
    }

    @Override
    public void open(OpenContext ctx) {
        newer = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen-newer", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        older = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen-older", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(T e, Context ctx, Collector<T> out) throws Exception {
        long[] bits = bits(idOf.getKey(e));
        long[] n = newer.value();
        if (n != null && IdTable.contains(n, bits[0], bits[1])) return;
        long[] o = older.value();
        if (o != null && IdTable.contains(o, bits[0], bits[1])) return;
        if (n == null) {
            n = IdTable.empty();
            // Nothing remembered for this key yet: its generations start turning over.
            if (o == null) ctx.timerService().registerProcessingTimeTimer((ctx.timerService().currentProcessingTime() / memoryMillis + 1) * memoryMillis);
        }
        newer.update(IdTable.add(n, bits[0], bits[1]));
        out.collect(e);
    }

    /** A generation is over: the older one is forgotten and the newer becomes the older; an empty key stops turning. */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<T> out) throws Exception {
        long[] n = newer.value();
        newer.clear();
        if (n == null) {
            older.clear();
            return;
        }
        older.update(n);
        ctx.timerService().registerProcessingTimeTimer(time + memoryMillis);
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
