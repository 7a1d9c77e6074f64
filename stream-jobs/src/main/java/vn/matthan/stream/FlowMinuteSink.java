package vn.matthan.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Upserts minute flow counts into {@code flow_minute}. Each row carries the window's full count, so writing it
 * again (early firing, replay after a restart) is idempotent; a smaller count never replaces a larger one.
 * A flush is one statement: the batch as arrays, unnested and upserted in primary-key order. Measured against a
 * COPY into a staging table plus an upsert from it, this wrote 20–30 % more rows per second (sink-vs-copy).
 */
public final class FlowMinuteSink {
    /** The rule every write of a row follows: a count only ever grows. */
    static final String ON_CONFLICT = " ON CONFLICT (camera_id, bucket, vehicle_class)"
            + " DO UPDATE SET passages = GREATEST(flow_minute.passages, EXCLUDED.passages), updated_at = now()";
    /** The single-row form of the sink's write (the TimescaleDB tests write row by row); same conflict rule. */
    public static final String UPSERT = "INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at) "
            + "VALUES (?, ?, ?, ?, now())" + ON_CONFLICT;

    private FlowMinuteSink() {
    }

    /** The whole batch as four arrays in one statement: no staging table to fill and read back. */
    static final String UNNEST = "INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at) "
            + "SELECT c, v, timestamptz 'epoch' + b * interval '1 millisecond', p, now() FROM unnest(?::text[], ?::text[], ?::int8[], ?::int4[]) AS t(c, v, b, p)" + ON_CONFLICT;

    static final Comparator<FlowCount> KEY_ORDER = Comparator.<FlowCount, String>comparing(c -> c.cameraId)
            .thenComparingLong(c -> c.bucketStartMillis).thenComparing(c -> c.vehicleClass);

    public static JdbcBatchSink.Writer<FlowCount> unnest() {
        return (db, batch) -> {
            int n = batch.size(), i = 0;
            String[] cams = new String[n], classes = new String[n];
            long[] buckets = new long[n];
            int[] counts = new int[n];
            // In key order: the primary-key index is then filled page by page instead of at random.
            List<FlowCount> sorted = new ArrayList<>(batch);
            sorted.sort(KEY_ORDER);
            for (FlowCount c : sorted) {
                cams[i] = c.cameraId;
                classes[i] = c.vehicleClass;
                buckets[i] = c.bucketStartMillis;
                counts[i++] = (int) c.passages;
            }
            JdbcBatchSink.executeWithColumns(db, UNNEST, cams, classes, buckets, counts);
        };
    }

    public static JdbcBatchSink<FlowCount> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), unnest(),
                c -> c.cameraId + '|' + c.vehicleClass + '|' + c.bucketStartMillis, 5000);
    }
}
