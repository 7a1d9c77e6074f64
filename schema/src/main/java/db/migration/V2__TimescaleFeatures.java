package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * TimescaleDB features, switched on only where the {@code timescaledb} extension exists, so that the same
 * migrations run on plain PostgreSQL: {@code flow_minute} becomes a hypertable with compression after 7 days,
 * hourly and daily continuous aggregates are kept fresh by policies, and aggregates are kept 2 years.
 * A Java migration because continuous aggregates cannot be created inside a transaction or a DO block.
 */
public class V2__TimescaleFeatures extends BaseJavaMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!timescaleAvailable(c)) return;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            st.execute("SELECT create_hypertable('flow_minute', by_range('bucket', INTERVAL '7 days'), migrate_data => true)");
            st.execute("ALTER TABLE flow_minute SET (timescaledb.compress, timescaledb.compress_segmentby = 'camera_id, vehicle_class', "
                    + "timescaledb.compress_orderby = 'bucket')");
            st.execute("SELECT add_compression_policy('flow_minute', INTERVAL '7 days')");
            st.execute("SELECT add_retention_policy('flow_minute', INTERVAL '2 years')");
            for (String[] agg : new String[][]{{"flow_hourly", "1 hour", "3 hours", "1 hour"}, {"flow_daily", "1 day", "3 days", "1 hour"}}) {
                st.execute("CREATE MATERIALIZED VIEW " + agg[0] + " WITH (timescaledb.continuous) AS "
                        + "SELECT camera_id, vehicle_class, time_bucket(INTERVAL '" + agg[1] + "', bucket) AS bucket, "
                        + "sum(passages)::bigint AS passages FROM flow_minute GROUP BY 1, 2, 3 WITH NO DATA");
                // Real-time aggregation: the newest, not yet materialised part is computed from flow_minute.
                st.execute("ALTER MATERIALIZED VIEW " + agg[0] + " SET (timescaledb.materialized_only = false)");
                st.execute("SELECT add_continuous_aggregate_policy('" + agg[0] + "', start_offset => INTERVAL '" + agg[2]
                        + "', end_offset => INTERVAL '" + agg[1] + "', schedule_interval => INTERVAL '" + agg[3] + "')");
                st.execute("SELECT add_retention_policy('" + agg[0] + "', INTERVAL '2 years')");
            }
        }
    }

    static boolean timescaleAvailable(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rs.next();
        }
    }
}
