package vn.matthan.stream;


/**
 * Stores every passage once ({@code vehicle_passage}, kept 30 days on TimescaleDB): a flush is one insert of the batch
 * as arrays (times and speeds in binary). Passages reach it once (first delivery), so the batch goes in plainly;
 * only a batch holding a passage stored before (a replay after a restart) is written again skipping stored ids,
 * so a replay writes nothing new. Measured in the flow job benchmark against the former COPY into a staging table
 * and an insert from it, and the plain insert against the skipping one.
 */
public final class VehiclePassageSink {
    static final String INSERT = "INSERT INTO vehicle_passage (event_id, time, camera_id, count_line, lane_id, vehicle_type, direction, speed_kmh, "
            + "plate_status, plate, plate_display, plate_confidence, plate_needs_check, thumbnail_sha256) "
            + "SELECT e, timestamptz 'epoch' + t * interval '1 millisecond', c, l, n, v, d, nullif(s, 'NaN'), ps, pl, pd, nullif(pc, 'NaN'), "
            + "nullif(pk, 2) = 1, th "
            + "FROM unnest(?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], "
            + "?::text[], ?::text[], ?::text[], ?::float8[], ?::int4[], ?::text[]) AS x(e, t, c, l, n, v, d, s, ps, pl, pd, pc, pk, th)";

    private VehiclePassageSink() {
    }

    /** The batch as columns; the conflict rule skips passages already stored. */
    public static final JdbcBatchSink.ColumnInsert<Passage> ROWS = new JdbcBatchSink.ColumnInsert<>(INSERT, " ON CONFLICT DO NOTHING", batch -> {
        int n = batch.size(), i = 0;
        String[] ids = new String[n], cams = new String[n], lines = new String[n], lanes = new String[n], types = new String[n],
                dirs = new String[n];
        long[] times = new long[n];
        double[] speeds = new double[n], plateConfidences = new double[n];
        String[] plateStatuses = new String[n], plates = new String[n], displays = new String[n], thumbnails = new String[n];
        int[] needsCheck = new int[n];
        for (Passage p : batch) {
            Passage.PassagePlate plate = p.plate;
            plateStatuses[i] = plate == null ? null : plate.status();
            plates[i] = plate == null ? null : plate.plate();
            displays[i] = plate == null ? null : plate.display();
            plateConfidences[i] = plate == null || plate.confidence() == null ? Double.NaN : plate.confidence();
            needsCheck[i] = (plate == null || plate.needsCheck() == null ? 2 : plate.needsCheck() ? 1 : 0);
            thumbnails[i] = plate == null ? null : plate.thumbnailSha256();
            ids[i] = p.eventId;
            times[i] = p.timeMillis;
            cams[i] = p.cameraId;
            lines[i] = p.countLine;
            lanes[i] = p.lane;
            types[i] = p.vehicleClass;
            dirs[i] = p.direction;
            speeds[i++] = p.speedKmh == null ? Double.NaN : p.speedKmh;
        }
        return new Object[]{ids, times, cams, lines, lanes, types, dirs, speeds, plateStatuses, plates, displays, plateConfidences,
                needsCheck, thumbnails};
    });

    public static JdbcBatchSink<Passage> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), ROWS, 0, null, 5000);
    }
}
