package vn.matthan.stream;

import java.time.Instant;

/**
 * Upserts minute flow counts into {@code flow_minute}. Each row carries the window's full count, so writing it
 * again (early firing, replay after a restart) is idempotent; a smaller count never replaces a larger one.
 * Rows go by COPY into a session-local staging table, then one upsert per flush: a catch-up after an outage
 * is written at nearly COPY speed.
 */
public final class FlowMinuteSink {
    /** The rule every write of a row follows: a count only ever grows. */
    static final String ON_CONFLICT = " ON CONFLICT (camera_id, bucket, vehicle_class)"
            + " DO UPDATE SET passages = GREATEST(flow_minute.passages, EXCLUDED.passages), updated_at = now()";
    /**
     * The single-row form of the sink's write, for stores that cannot take COPY (the PGlite TimescaleDB used in
     * tests); same conflict rule.
     */
    public static final String UPSERT = "INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at) "
            + "VALUES (?, ?, ?, ?, now())" + ON_CONFLICT;
    static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS flow_minute_stage "
            + "(camera_id text, vehicle_class text, bucket timestamptz, passages integer) ON COMMIT DELETE ROWS";
    static final String COPY = "COPY flow_minute_stage (camera_id, vehicle_class, bucket, passages) FROM STDIN (FORMAT csv)";
    static final String MERGE = "INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at) "
            + "SELECT camera_id, vehicle_class, bucket, passages, now() FROM flow_minute_stage" + ON_CONFLICT;

    private FlowMinuteSink() {
    }

    public static JdbcBatchSink<FlowCount> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(),
                JdbcBatchSink.copyThenMerge(STAGE, COPY, (csv, c) -> csv
                        .append(JdbcBatchSink.csvText(c.cameraId)).append(',')
                        .append(JdbcBatchSink.csvText(c.vehicleClass)).append(',')
                        .append(Instant.ofEpochMilli(c.bucketStartMillis)).append(',')
                        .append(c.passages).append('\n'), MERGE),
                c -> c.cameraId + '|' + c.vehicleClass + '|' + c.bucketStartMillis, 5000);
    }
}
