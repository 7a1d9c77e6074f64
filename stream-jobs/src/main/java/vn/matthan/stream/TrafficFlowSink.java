package vn.matthan.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;


/**
 * Upserts per-lane minute flow into {@code traffic_flow_observed}. Each firing of a window carries everything the
 * window holds, so a row is replaced only by one counting at least as many vehicles (a replayed early firing never
 * replaces a later one).
 */
public final class TrafficFlowSink {
    private static final String SET = """
            ON CONFLICT (camera_id, lane_id, vehicle_type, date_observed_from) DO UPDATE SET intensity = EXCLUDED.intensity,
                average_vehicle_speed = EXCLUDED.average_vehicle_speed, speed_samples = EXCLUDED.speed_samples,
                average_headway_time = EXCLUDED.average_headway_time, updated_at = now()
            WHERE EXCLUDED.intensity >= traffic_flow_observed.intensity""";
    /** The single-row form (the TimescaleDB tests write row by row); same conflict rule as the sink. */
    public static final String UPSERT = """
            INSERT INTO traffic_flow_observed (camera_id, lane_id, vehicle_type, date_observed_from, intensity, average_vehicle_speed,
                                               speed_samples, average_headway_time, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())
            """ + SET;
    /** A flush: the batch as arrays in one statement (numbers in binary; NaN stands for "no value"). */
    static final String INSERT = """
            INSERT INTO traffic_flow_observed (camera_id, lane_id, vehicle_type, date_observed_from, intensity, average_vehicle_speed,
                                               speed_samples, average_headway_time, updated_at)
            SELECT c, l, v, timestamptz 'epoch' + f * interval '1 millisecond', i, nullif(s, 'NaN'), n, nullif(h, 'NaN'), now()
              FROM unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::float8[], ?::int8[], ?::float8[]) AS t(c, l, v, f, i, s, n, h)
            """;

    static final Comparator<LaneFlow> KEY_ORDER = Comparator.<LaneFlow, String>comparing(f -> f.cameraId)
            .thenComparing(f -> f.laneId).thenComparing(f -> f.vehicleType).thenComparingLong(f -> f.fromMillis);

    private TrafficFlowSink() {
    }

    /** The batch as columns in primary-key order (the index filled in order). */
    public static final JdbcBatchSink.ColumnInsert<LaneFlow> ROWS = new JdbcBatchSink.ColumnInsert<>(INSERT, SET, batch -> {
        List<LaneFlow> rows = new ArrayList<>(batch);
        rows.sort(KEY_ORDER);
        int n = rows.size();
        String[] cams = new String[n], lanes = new String[n], types = new String[n];
        long[] from = new long[n], intensity = new long[n], samples = new long[n];
        double[] speed = new double[n], headway = new double[n];
        for (int i = 0; i < n; i++) {
            LaneFlow f = rows.get(i);
            cams[i] = f.cameraId;
            lanes[i] = f.laneId;
            types[i] = f.vehicleType;
            from[i] = f.fromMillis;
            intensity[i] = f.intensity;
            speed[i] = f.averageVehicleSpeed == null ? Double.NaN : f.averageVehicleSpeed;
            samples[i] = f.speedSamples;
            headway[i] = f.averageHeadwayTime == null ? Double.NaN : f.averageHeadwayTime;
        }
        return new Object[]{cams, lanes, types, from, intensity, speed, samples, headway};
    });

    public static JdbcBatchSink<LaneFlow> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), ROWS, 50_000,
                f -> f.cameraId + '|' + f.laneId + '|' + f.vehicleType + '|' + f.fromMillis, 5000);
    }
}
