package vn.matthan.stream;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes elements with one idempotent SQL statement (an upsert) in JDBC batches, flushed on every checkpoint and
 * whenever the batch is full; elements with the same key in one batch collapse to the latest. A failed flush
 * fails the checkpoint, and Flink replays from the last one: nothing is lost, and upserts make the replay harmless.
 *
 * <p>A sink may also name a plain insert for rows it believes new: rows whose key this writer has not written (it
 * remembers the latest {@code rememberKeys}) go in without the conflict check, which costs PostgreSQL about as much
 * as the row itself; if any was stored after all (a replay after a restart, a key forgotten), the plain insert
 * is undone to a savepoint and the same rows are upserted. Rows already written by this writer are upserted.
 *
 * <p>Written here because flink-connector-jdbc has no release for Flink 2.2 yet (4.0.0-2.0 targets 2.0).
 */
public class JdbcBatchSink<T> implements Sink<T> {
    /** Binds one element to the statement's parameters. */
    public interface Binder<T> extends Serializable {
        void bind(PreparedStatement st, T element) throws SQLException;
    }

    /** Writes one batch on an open connection (the sink commits). */
    public interface Writer<T> extends Serializable {
        void write(Connection db, java.util.Collection<T> batch) throws SQLException;
    }

    /** A batch of single-row statements (rewritten by pgjdbc into multi-row ones). */
    public static <T> Writer<T> statements(String sql, Binder<T> binder) {
        return (db, batch) -> {
            try (PreparedStatement st = db.prepareStatement(sql)) {
                for (T e : batch) {
                    binder.bind(st, e);
                    st.addBatch();
                }
                st.executeBatch();
            }
        };
    }

    /**
     * Runs a statement whose parameters are whole columns of a batch (for {@code unnest(?::text[], ?::int8[], …)}):
     * text columns as text arrays, numbers as primitive arrays, all sent in binary, so the server parses no number or
     * time text per row.
     */
    public static void executeWithColumns(Connection db, String sql, Object... columns) throws SQLException {
        org.postgresql.PGConnection pg = db.unwrap(org.postgresql.PGConnection.class);
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < columns.length; i++) {
                Object c = columns[i];
                if (c instanceof String[] text) {
                    st.setObject(i + 1, new TextArrayParameter(text));
                    continue;
                }
                java.sql.Array a;
                if (c instanceof long[]) a = pg.createArrayOf("int8", c);
                else if (c instanceof int[]) a = pg.createArrayOf("int4", c);
                else if (c instanceof double[]) a = pg.createArrayOf("float8", c);
                else throw new IllegalArgumentException("column " + (i + 1) + ": " + c.getClass());
                st.setArray(i + 1, a);
            }
            st.executeUpdate();
        }
    }

    /** The columns of a batch, in the order of a statement's array parameters (see {@link #executeWithColumns}). */
    public interface Columns<T> extends Serializable {
        Object[] of(java.util.Collection<T> batch);
    }

    /**
     * A table written by one {@code INSERT … SELECT FROM unnest(…)} of a batch's columns: plainly for rows believed new
     * ({@link #insertNew}), with {@code onConflict} for any rows ({@link #upsert}).
     */
    public record ColumnInsert<T>(String insert, String onConflict, Columns<T> columns) implements Serializable {
        public Writer<T> upsert() {
            return (db, batch) -> executeWithColumns(db, insert + onConflict, columns.of(batch));
        }

        public Writer<T> insertNew() {
            return (db, batch) -> executeWithColumns(db, insert, columns.of(batch));
        }
    }

    /** A timestamptz parameter for epoch milliseconds. */
    public static java.time.OffsetDateTime utc(long millis) {
        return java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), java.time.ZoneOffset.UTC);
    }

    /**
     * Identity of an element's row, so that repeated writes of one row within a batch collapse. A sink without one
     * (null) keeps every element: for rows written once, whose insert-if-new statement takes repeats in stride.
     */
    public interface RowKey<T> extends Serializable {
        String of(T element);
    }

    private final String url;
    private final String user;
    private final String password;
    private final Writer<T> writer;
    private final Writer<T> insertNew;
    private final int rememberKeys;
    private final RowKey<T> rowKey;
    private final int batchSize;

    public JdbcBatchSink(String url, String user, String password, String sql, Binder<T> binder, RowKey<T> rowKey,
                         int batchSize) {
        this(url, user, password, statements(sql, binder), rowKey, batchSize);
    }

    public JdbcBatchSink(String url, String user, String password, Writer<T> writer, RowKey<T> rowKey, int batchSize) {
        this(url, user, password, writer, null, 0, rowKey, batchSize);
    }

    /** A sink of {@code table}'s rows: new ones by its plain insert, see {@link #JdbcBatchSink(String, String, String, Writer, Writer, int, RowKey, int)}. */
    public JdbcBatchSink(String url, String user, String password, ColumnInsert<T> table, int rememberKeys, RowKey<T> rowKey,
                         int batchSize) {
        this(url, user, password, table.upsert(), table.insertNew(), rememberKeys, rowKey, batchSize);
    }

    /**
     * @param upsert       writes any rows, stored before or not
     * @param insertNew    writes rows not stored before, failing with a unique violation (23505) otherwise
     * @param rememberKeys keys of written rows kept to send their later versions straight to {@code upsert}
     *                     (0: every row is tried as new, for tables whose rows are written once)
     */
    public JdbcBatchSink(String url, String user, String password, Writer<T> upsert, Writer<T> insertNew, int rememberKeys,
                         RowKey<T> rowKey, int batchSize) {
        if (rowKey == null && rememberKeys > 0) throw new IllegalArgumentException("remembering written rows needs a row key");
        this.url = url;
        this.user = user;
        this.password = password;
        this.writer = upsert;
        this.insertNew = insertNew;
        this.rememberKeys = rememberKeys;
        this.rowKey = rowKey;
        this.batchSize = batchSize;
    }

    /**
     * Writes rows believed new with the plain insert; if one of them was stored after all, undoes that to a savepoint
     * and upserts them all. Returns whether the plain insert held.
     */
    public static <T> boolean insertOrUpsert(Connection db, java.util.Collection<T> rows, Writer<T> insertNew, Writer<T> upsert)
            throws SQLException {
        java.sql.Savepoint before = db.setSavepoint();
        try {
            insertNew.write(db, rows);
            db.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) throw e;
            db.rollback(before);
            upsert.write(db, rows);
            return false;
        }
    }

    /** SQLSTATE of a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * Rows wait at most this long before they are written, checkpoint or not: the wall sees a passage within a
     * fraction of a second. Safe because every write is idempotent; exactly-once comes from the upserts.
     */
    static final long MAX_DELAY_MS = 200;

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        BatchWriter w = new BatchWriter();
        if (context != null) w.schedule(context.getProcessingTimeService());
        return w;
    }

    private final class BatchWriter implements SinkWriter<T> {
        private final Map<String, T> pending = new LinkedHashMap<>();
        /** Elements in arrival order when the sink has no row key (rows written once, never collapsed). */
        private final java.util.List<T> unkeyed = new java.util.ArrayList<>();
        /** Keys of rows this writer committed, the latest {@code rememberKeys}. */
        private final Map<String, Boolean> written = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > rememberKeys;
            }
        };
        private Connection connection;

        /** Flushes on a processing-time timer (run in the task's mailbox thread, like write and flush). */
        void schedule(org.apache.flink.api.common.operators.ProcessingTimeService time) {
            time.registerTimer(time.getCurrentProcessingTime() + MAX_DELAY_MS, now -> {
                flush(false);
                schedule(time);
            });
        }

        @Override
        public void write(T element, Context context) throws IOException {
            if (rowKey == null) unkeyed.add(element);
            else pending.put(rowKey.of(element), element);
            if (pending.size() + unkeyed.size() >= batchSize) flush(false);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            java.util.Collection<T> batch = rowKey == null ? unkeyed : pending.values();
            if (batch.isEmpty()) return;
            try {
                Connection db = connection();
                if (insertNew == null) writer.write(db, batch);
                else if (rememberKeys == 0) insertOrUpsert(db, batch, insertNew, writer);
                else writeNewAndKnown(db);
                db.commit();
                if (rememberKeys > 0) for (String k : pending.keySet()) written.put(k, Boolean.TRUE);
                batch.clear();
            } catch (SQLException e) {
                closeQuietly();
                throw new IOException("JDBC write failed (" + batch.size() + " rows kept for retry): " + e.getMessage(), e);
            }
        }

        private void writeNewAndKnown(Connection db) throws SQLException {
            java.util.List<T> fresh = new java.util.ArrayList<>(), known = new java.util.ArrayList<>();
            for (Map.Entry<String, T> e : pending.entrySet()) (written.containsKey(e.getKey()) ? known : fresh).add(e.getValue());
            if (!fresh.isEmpty()) insertOrUpsert(db, fresh, insertNew, writer);
            if (!known.isEmpty()) writer.write(db, known);
        }

        private Connection connection() throws SQLException {
            if (connection == null || connection.isClosed()) {
                registerDriver();
                java.util.Properties p = new java.util.Properties();
                p.setProperty("user", user);
                p.setProperty("password", password == null ? "" : password);
                // pgjdbc turns a batch of single-row INSERTs into multi-row INSERTs: several times fewer round trips.
                p.setProperty("reWriteBatchedInserts", "true");
                connection = DriverManager.getConnection(url, p);
                connection.setAutoCommit(false);
            }
            return connection;
        }

        /**
         * On a Flink session cluster every job has a class loader of its own, and DriverManager hands a caller only the
         * drivers its loader can see: the PostgreSQL driver an earlier job registered is another class, and the driver
         * in this job's jar registers itself only once its class is loaded. Without this a resubmitted job's first
         * write fails with "No suitable driver" (found by the cluster test).
         */
        private static void registerDriver() throws SQLException {
            try {
                Class.forName("org.postgresql.Driver", true, JdbcBatchSink.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new SQLException("PostgreSQL JDBC driver missing from the job's class path", e);
            }
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
