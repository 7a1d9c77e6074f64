package vn.matthan.stream;

import java.sql.Timestamp;

/** Stores passages that arrived after their window closed (beyond the allowed lateness): kept and counted, not lost. */
public final class LatePassageSink {
    static final String INSERT = """
            INSERT INTO late_passage (event_id, camera_id, vehicle_class, event_time, received_at)
            VALUES (?, ?, ?, ?, now()) ON CONFLICT (event_id) DO NOTHING""";

    private LatePassageSink() {
    }

    public static JdbcBatchSink<Passage> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), INSERT, (st, p) -> {
            st.setString(1, p.eventId);
            st.setString(2, p.cameraId);
            st.setString(3, p.vehicleClass);
            st.setTimestamp(4, new Timestamp(p.timeMillis));
        }, p -> p.eventId, 100);
    }
}
