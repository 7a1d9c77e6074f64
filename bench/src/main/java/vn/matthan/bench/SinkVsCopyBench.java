package vn.matthan.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.postgresql.PGConnection;
import vn.matthan.stream.FlowCount;
import vn.matthan.stream.FlowJobConfig;
import vn.matthan.stream.FlowMinuteSink;
import vn.matthan.schema.DatabaseSchema;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sink-vs-copy: rows/s of the flow job's JDBC sink (the real writer: batches of 5,000, flushed like on a checkpoint)
 * into {@code flow_minute}, against a raw {@code COPY} of the same rows into an identical table, on the same embedded
 * PostgreSQL in the same run. The sink writes rows new to it with a plain insert; the same writer then writes every
 * row again (as the minute's later results do), which goes through the upsert: reported beside it.
 */
final class SinkVsCopyBench {
    static BenchResult run(int rows) throws Exception {
        Path dir = Files.createTempDirectory("sink-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            DatabaseSchema.migrate(url, "postgres", "postgres");
            List<FlowCount> data = rows(rows);
            FlowJobConfig cfg = FlowJobConfig.of("unused:9092", url, "postgres", "postgres").withEarlyFiring(Duration.ofSeconds(5));
            double[] sink = new double[5], rewrite = new double[5], copy = new double[5];
            sinkSeconds(cfg, data); // warm-up
            for (int k = 0; k < 5; k++) {
                truncate(url);
                double[] s = sinkSeconds(cfg, data);
                sink[k] = rows / s[0];
                rewrite[k] = rows / s[1];
                copy[k] = rows / copySeconds(url, data);
            }
            double s = DetectorStepBench.median(sink), c = DetectorStepBench.median(copy), r = DetectorStepBench.median(rewrite);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rows", rows);
            details.put("copy_rows_per_s", BenchResult.round(c));
            details.put("rewrite_rows_per_s", BenchResult.round(r));
            details.put("rewrite_ratio", BenchResult.round(r / c));
            details.put("database", "embedded PostgreSQL 17 (zonky), same machine");
            details.put("sink", "FlowMinuteSink: batches of 5,000 as arrays, unnest in key order; rows new to the writer by plain INSERT "
                    + "(undone to a savepoint and upserted if one was stored), rows it wrote before by INSERT … ON CONFLICT DO UPDATE; "
                    + "rewrite = the same writer writing every row a second time; median of 5");
            details.put("goal", "ratio >= 0.7");
            return new BenchResult("sink-vs-copy", s, "rows/s", s / c, "raw COPY of the same rows, same database, same run", details);
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    /** Seconds to write the rows once (new to the writer), then again (rows it wrote). */
    private static double[] sinkSeconds(FlowJobConfig cfg, List<FlowCount> data) throws Exception {
        double[] seconds = new double[2];
        try (SinkWriter<FlowCount> w = FlowMinuteSink.create(cfg).createWriter(null)) {
            for (int pass = 0; pass < 2; pass++) {
                long t0 = System.nanoTime();
                for (FlowCount c : data) w.write(c, null);
                w.flush(true);
                seconds[pass] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return seconds;
    }

    private static double copySeconds(String url, List<FlowCount> data) throws Exception {
        StringBuilder csv = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS flow_minute_copy");
                st.execute("CREATE TABLE flow_minute_copy (LIKE flow_minute INCLUDING ALL)");
            }
            long t0 = System.nanoTime();
            for (FlowCount f : data) {
                csv.append(f.cameraId).append(',').append(f.vehicleClass).append(',')
                        .append(Instant.ofEpochMilli(f.bucketStartMillis)).append(',').append(f.passages).append('\n');
            }
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "COPY flow_minute_copy (camera_id, vehicle_class, bucket, passages) FROM STDIN (FORMAT csv)",
                    new StringReader(csv.toString()));
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static void truncate(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute("TRUNCATE flow_minute");
        }
    }

    static List<FlowCount> rows(int n) {
        List<FlowCount> out = new ArrayList<>(n);
        long t0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            out.add(new FlowCount("cam-" + (i % 200), (i / 200) % 2 == 0 ? "car" : "motorbike", t0 + (i / 400) * 60_000L, i % 37));
        }
        return out;
    }
}
