package vn.matthan.stream;

import java.time.Instant;

/**
 * Stores every passage once ({@code vehicle_passage}, kept 30 days on TimescaleDB): by COPY into a staging table,
 * then one insert that skips ids already stored (a replay writes nothing new).
 */
public final class VehiclePassageSink {
    static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS vehicle_passage_stage (event_id text, time timestamptz, camera_id text, "
            + "count_line text, lane_id text, vehicle_type text, direction text, speed_kmh double precision) ON COMMIT DELETE ROWS";
    static final String COPY = "COPY vehicle_passage_stage FROM STDIN (FORMAT csv)";
    static final String MERGE = "INSERT INTO vehicle_passage (event_id, time, camera_id, count_line, lane_id, vehicle_type, direction, speed_kmh) "
            + "SELECT * FROM vehicle_passage_stage ON CONFLICT DO NOTHING";

    private VehiclePassageSink() {
    }

    public static JdbcBatchSink<Passage> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(),
                JdbcBatchSink.copyThenMerge(STAGE, COPY, (csv, p) -> csv
                        .append(JdbcBatchSink.csvText(p.eventId)).append(',')
                        .append(Instant.ofEpochMilli(p.timeMillis)).append(',')
                        .append(JdbcBatchSink.csvText(p.cameraId)).append(',')
                        .append(JdbcBatchSink.csvText(p.countLine)).append(',')
                        .append(JdbcBatchSink.csvText(p.lane)).append(',')
                        .append(JdbcBatchSink.csvText(p.vehicleClass)).append(',')
                        .append(JdbcBatchSink.csvText(p.direction)).append(',')
                        .append(p.speedKmh == null ? "" : p.speedKmh.toString()).append('\n'), MERGE),
                p -> p.eventId, 5000);
    }
}
