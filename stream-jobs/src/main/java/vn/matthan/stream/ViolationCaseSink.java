package vn.matthan.stream;

import vn.matthan.events.EventJson;
import vn.matthan.events.MalformedEventException;
import vn.matthan.events.ViolationDetected;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.UUID;

/**
 * Opens a case for each violation through the schema's {@code case_open} function, the one place case writes live
 * (the API moves and corrects cases through its siblings): idempotent on the violation id, so replays change nothing;
 * merged into an earlier open case of the same plate, camera and type within 10 minutes (only when neither plate read
 * was doubted by the node that read it); moved to the review queue when its evidence package exists; each step
 * written to the hash-chained audit log as the system.
 */
public final class ViolationCaseSink {
    static final String ACTOR = "system:stream-jobs", ROLE = "SYSTEM";
    private static final String OPEN = "SELECT case_open(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private ViolationCaseSink() {
    }

    /** Events arrive as validated JSON (records are not Flink POJOs); the sink reads them again. */
    public static JdbcBatchSink<byte[]> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), ViolationCaseSink::write,
                json -> new String(json, StandardCharsets.UTF_8), 50);
    }

    public static void write(Connection db, Collection<byte[]> batch) throws SQLException {
        try (PreparedStatement open = db.prepareStatement(OPEN)) {
            for (byte[] json : batch) {
                ViolationDetected v;
                try {
                    v = EventJson.readViolation(json);
                } catch (MalformedEventException e) {
                    continue; // already sent to the dead-letter topic by the parser
                }
                bind(open, v);
                open.execute(); // one at a time: a case may merge into one opened earlier in the same batch
            }
        }
    }

    private static void bind(PreparedStatement st, ViolationDetected v) throws SQLException {
        int i = 0;
        st.setObject(++i, UUID.fromString(v.violationId()));
        st.setString(++i, v.violationType());
        st.setString(++i, v.rule());
        st.setString(++i, v.detail());
        st.setString(++i, v.place());
        st.setString(++i, v.cameraId());
        st.setString(++i, v.unitCode() == null ? "" : v.unitCode());
        st.setTimestamp(++i, Timestamp.from(v.time()));
        st.setString(++i, v.vehicleClass());
        st.setString(++i, v.signalPhase());
        setDouble(st, ++i, v.timeIntoRedS());
        setDouble(st, ++i, v.speedKmh());
        st.setBoolean(++i, v.indicative());
        st.setString(++i, v.plateText());
        setDouble(st, ++i, v.plateConfidence());
        st.setObject(++i, v.plateNeedsCheck(), Types.BOOLEAN);
        st.setString(++i, v.evidenceUri());
        st.setString(++i, v.evidenceSha256());
        st.setString(++i, v.sceneVersion());
        st.setString(++i, ACTOR);
        st.setString(++i, ROLE);
    }

    private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
        if (v == null) st.setNull(i, Types.DOUBLE);
        else st.setDouble(i, v);
    }
}
