package vn.matthan.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.stream.FlowMinuteSink;
import vn.matthan.stream.JdbcBatchSink;
import vn.matthan.stream.VehiclePassageSink;
import vn.matthan.stream.TrafficFlowSink;
import vn.matthan.schema.AuditChain;
import vn.matthan.schema.DatabaseSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema on real TimescaleDB: hypertable, continuous aggregates and policies exist and agree with raw SQL. */
class TimescaleStorageTest {
    static TimescaleTestServer db;

    @BeforeAll
    static void start() throws Exception {
        db = new TimescaleTestServer();
        DatabaseSchema.migrate(db.dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) db.close();
    }

    @Test
    void timeSeriesTablesAreHypertablesWithCompressionAndRetentionAndCasesNeverExpire() throws Exception {
        assertThat(column("SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1"))
                .containsExactly("flow_minute", "traffic_flow_observed", "vehicle_passage", "violation_5min", "violation_day");
        assertThat(column("SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1"))
                .containsExactly("flow_daily", "flow_hourly");
        assertThat(column("SELECT proc_name || ' ' || hypertable_name FROM timescaledb_information.jobs "
                + "WHERE hypertable_name IS NOT NULL ORDER BY 1"))
                .contains("policy_compression flow_minute", "policy_retention flow_minute",
                        "policy_compression vehicle_passage", "policy_retention vehicle_passage",
                        "policy_compression traffic_flow_observed", "policy_retention traffic_flow_observed",
                        "policy_retention violation_5min", "policy_retention violation_day");
        // Raw passages are kept 30 days, every aggregate 2 years.
        assertThat(column("SELECT hypertable_name || ' ' || (config->>'drop_after') FROM timescaledb_information.jobs "
                + "WHERE proc_name = 'policy_retention' ORDER BY 1"))
                .containsExactlyInAnyOrder("flow_minute 2 years", "traffic_flow_observed 2 years", "vehicle_passage 30 days",
                        "violation_5min 2 years", "violation_day 2 years", "flow_hourly 2 years", "flow_daily 2 years");
        // Raw passages carry three indexes: the key led by time (also the time index), camera + time, and plate + time
        // for route tracing (only rows with a plate).
        assertThat(column("SELECT indexdef FROM pg_indexes WHERE tablename = 'vehicle_passage' ORDER BY 1"))
                .containsExactly("CREATE INDEX vehicle_passage_camera_time ON public.vehicle_passage USING btree (camera_id, \"time\" DESC)",
                        "CREATE INDEX vehicle_passage_plate_time ON public.vehicle_passage USING btree (plate, \"time\") WHERE (plate IS NOT NULL)",
                        "CREATE UNIQUE INDEX vehicle_passage_pkey ON public.vehicle_passage USING btree (\"time\", event_id)");
        // Violation cases, the audit log and congestion episodes are plain tables: no policy can drop them.
        assertThat(column("SELECT hypertable_name FROM timescaledb_information.jobs WHERE hypertable_name IN "
                + "('violation_case', 'audit_log', 'congestion_event', 'case_notice')")).isEmpty();
        assertThat(column("SELECT attname FROM timescaledb_information.compression_settings "
                + "WHERE hypertable_name = 'flow_minute' AND segmentby_column_index IS NOT NULL ORDER BY 1"))
                .containsExactly("camera_id", "vehicle_class");
        assertThat(column("SELECT id FROM camera")).isEmpty(); // the plain tables came along
    }

    @Test
    void laneFlowRowsUpsertOnTheHypertableAndOnlyALargerCountReplacesARow() throws Exception {
        Instant t = Instant.parse("2026-11-20T22:05:00Z");
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(TrafficFlowSink.UPSERT)) {
            c.setAutoCommit(true);
            for (long[] r : new long[][]{{4, 40}, {7, 38}, {5, 99}}) { // an early firing, the final one, a replayed early one
                up.setString(1, "cam-a");
                up.setString(2, "lane-1");
                up.setString(3, "car");
                up.setObject(4, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
                up.setLong(5, r[0]);
                up.setDouble(6, r[1]);
                up.setLong(7, r[0]);
                up.setDouble(8, 60.0 / r[0]);
                up.executeUpdate();
            }
        }
        assertThat(column("SELECT intensity || ' ' || average_vehicle_speed FROM traffic_flow_observed")).containsExactly("7 38");
    }

    @Test
    void theSinksBatchStatementsWriteTheHypertablesAndAReplayChangesNothing() throws Exception {
        long t = Instant.parse("2026-11-20T23:00:00Z").toEpochMilli();
        List<vn.matthan.stream.Passage> passages = List.of(
                new vn.matthan.stream.Passage("11111111-0000-4000-8000-000000000001", "cam-s", "stop", "L1", "car", "forward", 42.5, t),
                new vn.matthan.stream.Passage("11111111-0000-4000-8000-000000000002", "cam-s", "stop", "L1", "motorbike", "forward", null, t + 2000));
        List<vn.matthan.stream.LaneFlow> lanes = List.of(new vn.matthan.stream.LaneFlow("cam-s", "L1", "car", t, 1, 42.5, 1, null),
                new vn.matthan.stream.LaneFlow("cam-s", "L1", "motorbike", t, 1, null, 0, null));
        List<vn.matthan.stream.FlowCount> flows = List.of(new vn.matthan.stream.FlowCount("cam-s", "car", t, 1),
                new vn.matthan.stream.FlowCount("cam-s", "motorbike", t, 1));
        try (Connection c = db.connection()) {
            for (int replay = 0; replay < 2; replay++) {
                // New rows go in plainly; the replay finds them stored, is undone to a savepoint and upserted instead.
                c.setAutoCommit(false);
                assertThat(JdbcBatchSink.insertOrUpsert(c, passages, VehiclePassageSink.ROWS.insertNew(), VehiclePassageSink.ROWS.upsert()))
                        .isEqualTo(replay == 0);
                assertThat(JdbcBatchSink.insertOrUpsert(c, lanes, TrafficFlowSink.ROWS.insertNew(), TrafficFlowSink.ROWS.upsert()))
                        .isEqualTo(replay == 0);
                assertThat(JdbcBatchSink.insertOrUpsert(c, flows, FlowMinuteSink.ROWS.insertNew(), FlowMinuteSink.ROWS.upsert()))
                        .isEqualTo(replay == 0);
                c.commit();
                c.setAutoCommit(true);
            }
            // A row the sink wrote before goes to the upsert: a larger count replaces it, a smaller one does not.
            c.setAutoCommit(false);
            FlowMinuteSink.ROWS.upsert().write(c, List.of(new vn.matthan.stream.FlowCount("cam-s", "car", t, 3),
                    new vn.matthan.stream.FlowCount("cam-s", "motorbike", t, 0)));
            c.commit();
            c.setAutoCommit(true);
        }
        assertThat(column("SELECT vehicle_type || ' ' || coalesce(speed_kmh::text, 'null') || ' ' || time FROM vehicle_passage "
                + "WHERE camera_id = 'cam-s' ORDER BY time")).containsExactly("car 42.5 2026-11-20 23:00:00+00", "motorbike null 2026-11-20 23:00:02+00");
        assertThat(column("SELECT vehicle_type || ' ' || intensity || ' ' || coalesce(average_vehicle_speed::text, 'null') || ' ' "
                + "|| coalesce(average_headway_time::text, 'null') FROM traffic_flow_observed WHERE camera_id = 'cam-s' ORDER BY 1"))
                .containsExactly("car 1 42.5 null", "motorbike 1 null null");
        assertThat(column("SELECT vehicle_class || ' ' || passages || ' ' || bucket FROM flow_minute WHERE camera_id = 'cam-s' ORDER BY 1"))
                .containsExactly("car 3 2026-11-20 23:00:00+00", "motorbike 1 2026-11-20 23:00:00+00");
        try (Connection c = db.connection(); Statement st = c.createStatement()) { // the other tests count whole tables
            c.setAutoCommit(true);
            for (String table : List.of("vehicle_passage", "traffic_flow_observed", "flow_minute")) st.execute("DELETE FROM " + table + " WHERE camera_id = 'cam-s'");
        }
    }

    @Test
    void continuousAggregatesGiveTheSameNumbersAsTheRawQuery() throws Exception {
        Instant t0 = Instant.parse("2026-11-20T22:00:00Z");
        try (Connection c = db.connection(); PreparedStatement up = c.prepareStatement(FlowMinuteSink.UPSERT)) {
            c.setAutoCommit(true);
            for (int m = 0; m < 5 * 60; m += 3) {
                for (String cam : List.of("cam-a", "cam-b")) {
                    for (String cls : List.of("car", "motorbike")) {
                        up.setString(1, cam);
                        up.setString(2, cls);
                        up.setTimestamp(3, Timestamp.from(t0.plusSeconds(60L * m)));
                        up.setLong(4, (m * 7L + cam.length() + cls.length()) % 23);
                        up.executeUpdate(); // no JDBC batch: the PGlite wire server mishandles pipelined batches
                    }
                }
            }
            // An early, smaller count arriving late must not lower the stored one.
            up.setString(1, "cam-a");
            up.setString(2, "car");
            up.setTimestamp(3, Timestamp.from(t0));
            up.setLong(4, 0);
            up.executeUpdate();
            try (Statement st = c.createStatement()) {
                st.execute("CALL refresh_continuous_aggregate('flow_hourly', NULL, NULL)");
                st.execute("CALL refresh_continuous_aggregate('flow_daily', NULL, NULL)");
            }
        }
        assertThat(sums("SELECT camera_id, vehicle_class, bucket, passages FROM flow_hourly"))
                .isEqualTo(sums("SELECT camera_id, vehicle_class, time_bucket(INTERVAL '1 hour', bucket), sum(passages) "
                        + "FROM flow_minute GROUP BY 1, 2, 3"))
                .hasSize(2 * 2 * 5);
        assertThat(sums("SELECT camera_id, vehicle_class, bucket, passages FROM flow_daily"))
                .isEqualTo(sums("SELECT camera_id, vehicle_class, time_bucket(INTERVAL '1 day', bucket), sum(passages) "
                        + "FROM flow_minute GROUP BY 1, 2, 3"))
                .hasSize(2 * 2 * 2);
        assertThat(column("SELECT passages::text FROM flow_minute WHERE camera_id = 'cam-a' AND vehicle_class = 'car' "
                + "AND bucket = '2026-11-20T22:00:00Z'")).as("(0 * 7 + 5 + 3) % 23, not the later 0").containsExactly("8");
        // Rewritten minutes find room on their page in every chunk (HOT updates).
        assertThat(column("SELECT DISTINCT array_to_string(c.reloptions, ',') FROM timescaledb_information.chunks k "
                + "JOIN pg_class c ON c.relname = k.chunk_name WHERE k.hypertable_name = 'flow_minute'")).containsExactly("fillfactor=70");
    }

    @Test
    void theAuditChainFunctionsWorkOnTimescaleDbAsOnPostgreSql() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("SELECT audit_append('system:stream-jobs', 'SYSTEM', 'case.opened', 'case:1', 'red_light at camera cam-t')");
            st.execute("SELECT audit_append('canbo', 'POLICE_REVIEWER', 'case.viewed', 'case:1', 'Biển số \"51F-123.45\"')");
            assertThat(AuditChain.check(c).intact()).isTrue();
        }
        // The rule gives the hash the Java writers gave this entry before it moved into SQL (see AuditChainTest).
        assertThat(column("SELECT audit_hash('" + "ab".repeat(32) + "', '2026-11-22T02:15:31Z', 'system:stream-jobs', 'SYSTEM', "
                + "'case.opened', 'case:22222222-2222-4222-8222-222222222222', null)"))
                .containsExactly("831fe2c227b38cc61b22aeeedae4bbd0efc15f65810ff048341e4987706badec");
    }

    private static List<String> column(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static Map<String, Long> sums(String sql) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getTimestamp(3).toInstant(), rs.getLong(4));
        }
        return out;
    }
}
