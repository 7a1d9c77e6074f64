package vn.matthan.stream;

import java.sql.Types;

/**
 * Upserts per-lane minute flow into {@code traffic_flow_observed}. Each firing of a window carries everything the
 * window holds, so a row is replaced only by one counting at least as many vehicles (a replayed early firing never
 * replaces a later one).
 */
public final class TrafficFlowSink {
    public static final String UPSERT = """
            INSERT INTO traffic_flow_observed (camera_id, lane_id, vehicle_type, date_observed_from, intensity, average_vehicle_speed,
                                               speed_samples, average_headway_time, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (camera_id, lane_id, vehicle_type, date_observed_from) DO UPDATE SET intensity = EXCLUDED.intensity,
                average_vehicle_speed = EXCLUDED.average_vehicle_speed, speed_samples = EXCLUDED.speed_samples,
                average_headway_time = EXCLUDED.average_headway_time, updated_at = now()
            WHERE EXCLUDED.intensity >= traffic_flow_observed.intensity""";

    private TrafficFlowSink() {
    }

    public static JdbcBatchSink<LaneFlow> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), UPSERT, (st, f) -> {
            st.setString(1, f.cameraId);
            st.setString(2, f.laneId);
            st.setString(3, f.vehicleType);
            st.setObject(4, JdbcBatchSink.utc(f.fromMillis));
            st.setLong(5, f.intensity);
            if (f.averageVehicleSpeed == null) st.setNull(6, Types.DOUBLE);
            else st.setDouble(6, f.averageVehicleSpeed);
            st.setLong(7, f.speedSamples);
            if (f.averageHeadwayTime == null) st.setNull(8, Types.DOUBLE);
            else st.setDouble(8, f.averageHeadwayTime);
        }, f -> f.cameraId + '|' + f.laneId + '|' + f.vehicleType + '|' + f.fromMillis, 2000);
    }
}
