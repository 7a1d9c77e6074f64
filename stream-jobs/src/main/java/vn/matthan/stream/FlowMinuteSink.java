package vn.matthan.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Upserts minute flow counts into {@code flow_minute}. Each row carries the window's full count, so writing it
 * again (early firing, replay after a restart) is idempotent; a smaller count never replaces a larger one.
 * A flush is one statement per kind of row: the batch as arrays, unnested in primary-key order, rows new to the
 * sink inserted plainly and rows it wrote before upserted (see {@link JdbcBatchSink}). Measured against a COPY into a
 * staging table plus an upsert from it, the array statement wrote 20–30 % more rows per second (sink-vs-copy).
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
    static final String INSERT = "INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at) "
            + "SELECT c, v, timestamptz 'epoch' + b * interval '1 millisecond', p, now() FROM unnest(?::text[], ?::text[], ?::int8[], ?::int4[]) AS t(c, v, b, p)";

    static final Comparator<FlowCount> KEY_ORDER = Comparator.<FlowCount, String>comparing(c -> c.cameraId)
            .thenComparingLong(c -> c.bucketStartMillis).thenComparing(c -> c.vehicleClass);

    /** The batch as columns in primary-key order: the index is then filled page by page instead of at random. */
    public static final JdbcBatchSink.ColumnInsert<FlowCount> ROWS = new JdbcBatchSink.ColumnInsert<>(INSERT, ON_CONFLICT, batch -> {
        int n = batch.size(), i = 0;
        String[] cams = new String[n], classes = new String[n];
        long[] buckets = new long[n];
        int[] counts = new int[n];
        List<FlowCount> sorted = new ArrayList<>(batch);
        sorted.sort(KEY_ORDER);
        for (FlowCount c : sorted) {
            cams[i] = c.cameraId;
            classes[i] = c.vehicleClass;
            buckets[i] = c.bucketStartMillis;
            counts[i++] = (int) c.passages;
        }
        return new Object[]{cams, classes, buckets, counts};
    });

    public static JdbcBatchSink<FlowCount> create(FlowJobConfig cfg) {
        // A minute's rows are rewritten by its early results and late passages for a few minutes; 50,000 keys are
        // about 10 minutes of 1,000 cameras' classes.
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), ROWS, 50_000,
                c -> c.cameraId + '|' + c.vehicleClass + '|' + c.bucketStartMillis, 5000);
    }
}
