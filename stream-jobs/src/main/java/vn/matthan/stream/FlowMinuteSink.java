package vn.matthan.stream;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upserts minute flow counts into {@code flow_minute} with JDBC batches. Each row carries the window's
 * full count, so writing it again (early firing, replay after a restart) is idempotent. Flushed on every
 * checkpoint and whenever the batch is full.
 *
 * <p>Written here because flink-connector-jdbc has no release for Flink 2.2 yet (4.0.0-2.0 targets 2.0).
 */
public class FlowMinuteSink implements Sink<FlowCount> {
    public static final String UPSERT = """
            INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages, updated_at)
            VALUES (?, ?, ?, ?, now())
            ON CONFLICT (camera_id, bucket, vehicle_class)
            DO UPDATE SET passages = GREATEST(flow_minute.passages, EXCLUDED.passages), updated_at = now()""";

    private final String url;
    private final String user;
    private final String password;
    private final int batchSize;

    public FlowMinuteSink(String url, String user, String password, int batchSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.batchSize = batchSize;
    }

    @Override
    public SinkWriter<FlowCount> createWriter(WriterInitContext context) throws IOException {
        return new Writer();
    }

    private final class Writer implements SinkWriter<FlowCount> {
        // Latest count per row: several early firings of one minute collapse into one write.
        private final Map<String, FlowCount> pending = new LinkedHashMap<>();
        private Connection connection;

        @Override
        public void write(FlowCount c, Context context) throws IOException {
            pending.put(c.cameraId + '|' + c.vehicleClass + '|' + c.bucketStartMillis, c);
            if (pending.size() >= batchSize) flush(false);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending.isEmpty()) return;
            try {
                Connection db = connection();
                try (PreparedStatement st = db.prepareStatement(UPSERT)) {
                    for (FlowCount c : pending.values()) {
                        st.setString(1, c.cameraId);
                        st.setString(2, c.vehicleClass);
                        st.setTimestamp(3, new Timestamp(c.bucketStartMillis));
                        st.setLong(4, c.passages);
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                db.commit();
                pending.clear();
            } catch (SQLException e) {
                closeQuietly();
                // Failing the checkpoint keeps the rows: Flink restarts from the last checkpoint and replays.
                throw new IOException("flow_minute upsert failed (" + pending.size() + " rows kept for retry): "
                        + e.getMessage(), e);
            }
        }

        private Connection connection() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, user, password);
                connection.setAutoCommit(false);
            }
            return connection;
        }

        private void closeQuietly() {
            try {
                if (connection != null) connection.close();
            } catch (SQLException ignored) {
                // the connection is being discarded anyway
            }
            connection = null;
        }

        @Override
        public void close() {
            closeQuietly();
        }
    }
}
