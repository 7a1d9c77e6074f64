package vn.matthan.stream;

import java.sql.Types;

/** Upserts congestion episodes into {@code congestion_event}; a cleared episode stays cleared when a replay repeats an earlier state. */
public final class CongestionSink {
    static final String UPSERT = """
            INSERT INTO congestion_event (camera_id, started_at, cleared_at, congested_minutes, peak_vehicles, lowest_flow, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (camera_id, started_at) DO UPDATE SET cleared_at = coalesce(congestion_event.cleared_at, EXCLUDED.cleared_at),
                congested_minutes = GREATEST(congestion_event.congested_minutes, EXCLUDED.congested_minutes),
                peak_vehicles = GREATEST(congestion_event.peak_vehicles, EXCLUDED.peak_vehicles),
                lowest_flow = LEAST(congestion_event.lowest_flow, EXCLUDED.lowest_flow), updated_at = now()""";

    private CongestionSink() {
    }

    public static JdbcBatchSink<Congestion> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), UPSERT, (st, c) -> {
            st.setString(1, c.cameraId);
            st.setObject(2, JdbcBatchSink.utc(c.startedMillis));
            if (c.active()) st.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
            else st.setObject(3, JdbcBatchSink.utc(c.clearedMillis));
            st.setLong(4, c.congestedMinutes);
            st.setDouble(5, c.peakVehiclesInView);
            st.setLong(6, c.lowestPassagesPerMinute);
        }, c -> c.cameraId + '|' + c.startedMillis, 100);
    }
}
