package vn.matthan.stream;

/** Stores events other than passages that arrived after their windows closed: kept and counted, not lost. */
public final class LateEventSink {
    static final String INSERT = """
            INSERT INTO late_event (kind, event_id, camera_id, event_time, received_at)
            VALUES (?, ?, ?, ?, now()) ON CONFLICT (kind, event_id) DO NOTHING""";

    private LateEventSink() {
    }

    public static JdbcBatchSink<ViolationSeen> violations(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), INSERT, (st, v) -> {
            st.setString(1, "violation.detected");
            st.setString(2, v.violationId);
            st.setString(3, v.cameraId);
            st.setObject(4, JdbcBatchSink.utc(v.timeMillis));
        }, v -> v.violationId, 100);
    }
}
