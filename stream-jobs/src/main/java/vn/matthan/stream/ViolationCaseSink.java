package vn.matthan.stream;

import vn.matthan.events.AuditRecord;
import vn.matthan.events.EventJson;
import vn.matthan.events.MalformedEventException;
import vn.matthan.events.ViolationDetected;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Opens a case for each violation (idempotent on the violation id, so replays change nothing), merges it into an
 * earlier open case of the same plate, camera and type within {@link #DUPLICATE_WINDOW} (only when neither plate read
 * was doubted by the node that read it: a doubtful read never folds one vehicle's violation into another's), moves it to the review
 * queue when its evidence package exists, and writes each step to the hash-chained audit log as the system.
 */
public final class ViolationCaseSink {
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
    static final String ACTOR = "system:stream-jobs", ROLE = "SYSTEM";
    private static final String INSERT = """
            INSERT INTO violation_case (id, violation_type, rule, detail, place, camera_id, unit_code, occurred_at, vehicle_class,
                signal_phase, time_into_red_s, speed_kmh, indicative, plate_read, plate_confidence, plate_needs_check, evidence_uri,
                evidence_sha256, scene_version, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DETECTED') ON CONFLICT (id) DO NOTHING""";
    private static final String DUPLICATE = """
            SELECT id FROM violation_case
             WHERE camera_id = ? AND violation_type = ? AND plate = regexp_replace(upper(?), '[^A-Z0-9]', '', 'g')
               AND id <> ? AND merged_into IS NULL AND occurred_at BETWEEN ? AND ? AND plate_needs_check = false
             ORDER BY occurred_at LIMIT 1""";

    private ViolationCaseSink() {
    }

    /** Events arrive as validated JSON (records are not Flink POJOs); the sink reads them again. */
    public static JdbcBatchSink<byte[]> create(FlowJobConfig cfg) {
        return new JdbcBatchSink<>(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), ViolationCaseSink::write,
                json -> new String(json, java.nio.charset.StandardCharsets.UTF_8), 50);
    }

    public static void write(Connection db, Collection<byte[]> batch) throws SQLException {
        for (byte[] json : batch) {
            ViolationDetected v;
            try {
                v = EventJson.readViolation(json);
            } catch (MalformedEventException e) {
                continue; // already sent to the dead-letter topic by the parser
            }
            open(db, v);
        }
    }

    private static void open(Connection db, ViolationDetected v) throws SQLException {
        UUID id = UUID.fromString(v.violationId());
        try (PreparedStatement st = db.prepareStatement(INSERT)) {
            int i = 0;
            st.setObject(++i, id);
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
            st.setObject(++i, v.plateNeedsCheck(), java.sql.Types.BOOLEAN);
            st.setString(++i, v.evidenceUri());
            st.setString(++i, v.evidenceSha256());
            st.setString(++i, v.sceneVersion());
            if (st.executeUpdate() == 0) return; // a replay: the case exists already
        }
        String target = "case:" + id;
        append(db, "case.opened", target, v.violationType() + " at camera " + v.cameraId());
        if (v.plateText() != null && Boolean.FALSE.equals(v.plateNeedsCheck())) {
            try (PreparedStatement st = db.prepareStatement(DUPLICATE)) {
                st.setString(1, v.cameraId());
                st.setString(2, v.violationType());
                st.setString(3, v.plateText());
                st.setObject(4, id);
                st.setTimestamp(5, Timestamp.from(v.time().minus(DUPLICATE_WINDOW)));
                st.setTimestamp(6, Timestamp.from(v.time().plus(DUPLICATE_WINDOW)));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        UUID first = rs.getObject(1, UUID.class);
                        try (PreparedStatement up = db.prepareStatement("UPDATE violation_case SET merged_into = ?, updated_at = now() WHERE id = ?")) {
                            up.setObject(1, first);
                            up.setObject(2, id);
                            up.executeUpdate();
                        }
                        append(db, "case.merged", target, "same plate, camera and type within "
                                + DUPLICATE_WINDOW.toMinutes() + " min as case:" + first);
                        return;
                    }
                }
            }
        }
        if (v.evidenceSha256() != null) {
            try (PreparedStatement up = db.prepareStatement(
                    "UPDATE violation_case SET status = 'PENDING_REVIEW', updated_at = now() WHERE id = ? AND status = 'DETECTED'")) {
                up.setObject(1, id);
                up.executeUpdate();
            }
            append(db, "case.status DETECTED->PENDING_REVIEW", target, "signed evidence package " + v.evidenceSha256());
        }
    }

    /** Appends to the audit chain under a transaction-scoped lock, so concurrent writers never fork it. */
    public static void append(Connection db, String action, String target, String reason) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(" + AuditRecord.APPEND_LOCK + ")")) {
            lock.execute();
        }
        String prev = AuditRecord.GENESIS;
        try (PreparedStatement st = db.prepareStatement("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            if (rs.next()) prev = rs.getString(1);
        }
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO audit_log (at, actor, role, action, target, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            st.setString(2, ACTOR);
            st.setString(3, ROLE);
            st.setString(4, action);
            st.setString(5, target);
            st.setString(6, reason);
            st.setString(7, prev);
            st.setString(8, AuditRecord.hash(prev, at, ACTOR, ROLE, action, target, reason));
            st.executeUpdate();
        }
    }

    private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
        if (v == null) st.setNull(i, Types.DOUBLE);
        else st.setDouble(i, v);
    }
}
