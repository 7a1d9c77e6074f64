package vn.matthan.stream;

import java.sql.Timestamp;

/**
 * Upserts minute flow counts into {@code flow_minute}. Each row carries the window's full count, so writing it
 * again (early firing, replay after a restart) is idempotent; a smaller count never replaces a larger one.
 */
public final class FlowMinuteSink {
    public static final String UPSERT = """
            INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (camera_id, bucket, vehicle_class)
            DO UPDATE SET passages = GREATEST(flow_minute.passages, EXCLUDED.passages), updated_at = now()""";

    private FlowMinuteSink() {
    }

    public static JdbcBatchSink<FlowCount> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), UPSERT, (st, c) -> {
            st.setString(1, c.cameraId);
            st.setString(2, c.vehicleClass);
            st.setTimestamp(3, new Timestamp(c.bucketStartMillis));
            st.setLong(4, c.passages);
        }, c -> c.cameraId + '|' + c.vehicleClass + '|' + c.bucketStartMillis, 500);
    }
}
