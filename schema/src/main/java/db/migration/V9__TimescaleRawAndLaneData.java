package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * TimescaleDB features for the tables of V8, only where the extension exists (see {@link V2__TimescaleFeatures}):
 * raw passages are a hypertable compressed after 2 days and dropped after 30; per-lane flow and violation counts are
 * hypertables kept 2 years. Violation cases and congestion episodes are ordinary tables no policy ever drops.
 */
public class V9__TimescaleRawAndLaneData extends BaseJavaMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!V2__TimescaleFeatures.timescaleAvailable(c)) return;
        try (Statement st = c.createStatement()) {
            st.execute("SELECT create_hypertable('vehicle_passage', by_range('time', INTERVAL '1 day'), migrate_data => true)");
            st.execute("ALTER TABLE vehicle_passage SET (timescaledb.compress, timescaledb.compress_segmentby = 'camera_id', "
                    + "timescaledb.compress_orderby = 'time')");
            st.execute("SELECT add_compression_policy('vehicle_passage', INTERVAL '2 days')");
            st.execute("SELECT add_retention_policy('vehicle_passage', INTERVAL '30 days')");

            st.execute("SELECT create_hypertable('traffic_flow_observed', by_range('date_observed_from', INTERVAL '7 days'), migrate_data => true)");
            st.execute("ALTER TABLE traffic_flow_observed SET (timescaledb.compress, timescaledb.compress_segmentby = 'camera_id, lane_id', "
                    + "timescaledb.compress_orderby = 'date_observed_from')");
            st.execute("SELECT add_compression_policy('traffic_flow_observed', INTERVAL '7 days')");
            st.execute("SELECT add_retention_policy('traffic_flow_observed', INTERVAL '2 years')");

            for (String[] t : new String[][]{{"violation_5min", "7 days"}, {"violation_day", "90 days"}}) {
                st.execute("SELECT create_hypertable('" + t[0] + "', by_range('bucket', INTERVAL '" + t[1] + "'), migrate_data => true)");
                st.execute("SELECT add_retention_policy('" + t[0] + "', INTERVAL '2 years')");
            }
        }
    }
}
