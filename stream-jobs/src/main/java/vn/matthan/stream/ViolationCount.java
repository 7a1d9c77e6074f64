package vn.matthan.stream;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;


/**
 * Violations detected by one camera (in one administrative unit) of one type — and, for the by-class windows, of one
 * vehicle class — in one window: 5 minutes, or a Vietnamese calendar day. Detections, not reviewed cases: the review outcome lives in {@code violation_case}.
 * A Flink POJO.
 */
public class ViolationCount {
    public String cameraId;
    public String unitCode;
    public String violationType;
    /** Null in the per-type windows (violation_5min, violation_day); the class in the by-class ones. */
    public String vehicleClass;
    public long bucketStartMillis;
    public long violations;

    public ViolationCount() {
    }

    public ViolationCount(String cameraId, String unitCode, String violationType, long bucketStartMillis, long violations) {
        this.cameraId = cameraId;
        this.unitCode = unitCode;
        this.violationType = violationType;
        this.bucketStartMillis = bucketStartMillis;
        this.violations = violations;
    }

    static String key(ViolationSeen v) {
        return v.cameraId + '|' + v.unitCode + '|' + v.violationType;
    }

    /** The by-class windows' key: camera, unit, type and vehicle class. */
    static String classKey(ViolationSeen v) {
        return key(v) + '|' + v.vehicleClass;
    }

    /**
     * Upserts into {@code table} (violation_class_5min or violation_class_day), keyed by camera, type, class and bucket;
     * a count only grows, so replays and restarts from a checkpoint leave the same rows.
     */
    static JdbcBatchSink<ViolationCount> classSink(FlowJobConfig cfg, String table) {
        String sql = "INSERT INTO " + table + " (camera_id, unit_code, violation_type, vehicle_class, bucket, violations, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, now()) ON CONFLICT (camera_id, violation_type, vehicle_class, bucket) "
                + "DO UPDATE SET violations = GREATEST(" + table + ".violations, EXCLUDED.violations), unit_code = EXCLUDED.unit_code, "
                + "updated_at = now()";
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), sql, (st, c) -> {
            st.setString(1, c.cameraId);
            st.setString(2, c.unitCode);
            st.setString(3, c.violationType);
            st.setString(4, c.vehicleClass);
            st.setObject(5, JdbcBatchSink.utc(c.bucketStartMillis));
            st.setLong(6, c.violations);
        }, c -> c.cameraId + '|' + c.violationType + '|' + c.vehicleClass + '|' + c.bucketStartMillis, 500);
    }

    /** Upserts into {@code table} (violation_5min or violation_day); a count only grows. */
    static JdbcBatchSink<ViolationCount> sink(FlowJobConfig cfg, String table) {
        String sql = "INSERT INTO " + table + " (camera_id, unit_code, violation_type, bucket, violations, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (camera_id, violation_type, bucket) "
                + "DO UPDATE SET violations = GREATEST(" + table + ".violations, EXCLUDED.violations), unit_code = EXCLUDED.unit_code, "
                + "updated_at = now()";
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), sql, (st, c) -> {
            st.setString(1, c.cameraId);
            st.setString(2, c.unitCode);
            st.setString(3, c.violationType);
            st.setObject(4, JdbcBatchSink.utc(c.bucketStartMillis));
            st.setLong(5, c.violations);
        }, c -> c.cameraId + '|' + c.violationType + '|' + c.bucketStartMillis, 500);
    }

    static final class InWindow extends ProcessWindowFunction<Long, ViolationCount, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Long> counts, Collector<ViolationCount> out) {
            String[] k = key.split("\\|", 3);
            out.collect(new ViolationCount(k[0], k[1], k[2], ctx.window().getStart(), counts.iterator().next()));
        }
    }

    static final class InWindowByClass extends ProcessWindowFunction<Long, ViolationCount, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Long> counts, Collector<ViolationCount> out) {
            String[] k = key.split("\\|", 4);
            ViolationCount c = new ViolationCount(k[0], k[1], k[2], ctx.window().getStart(), counts.iterator().next());
            c.vehicleClass = k[3];
            out.collect(c);
        }
    }
}
