package vn.matthan.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import vn.matthan.api.CameraStatusSource;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.Passwords;
import vn.matthan.schema.DatabaseSchema;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * registry-import: an administrator imports a registration authority's export of 10,000 vehicles (cars and
 * motorbikes, Vietnamese names and addresses) with POST /api/registrations: every row checked by the plate grammar and
 * the period rules, written as registration periods, audited. Median of one import per province (each a new set of
 * plates), against the median of PostgreSQL's COPY of the same CSV text into a plain table in the same run: the floor
 * for getting those rows into the database at all.
 */
final class RegistryImportBench {
    private static final String HEADER = "plate,owner_name,owner_address,vehicle_type,colour,brand,valid_from,valid_to\n";
    /** Đà Nẵng, Quảng Nam, Quảng Ngãi: one fresh set of plates per round. */
    private static final List<String> PROVINCES = List.of("43", "92", "76");

    static BenchResult run(int rows) throws Exception {
        Path dir = Files.createTempDirectory("bench-registry");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).start()) {
            DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                PreparedStatement st = c.prepareStatement("INSERT INTO app_user (username, display_name, password_hash, role, unit_codes) "
                        + "VALUES ('quantri', 'Quản trị', ?, 'ADMIN', '{}')");
                st.setString(1, Passwords.hash("bench"));
                st.executeUpdate();
                c.createStatement().execute("CREATE TABLE registry_copy (plate text, owner_name text, owner_address text, "
                        + "vehicle_type text, colour text, brand text, valid_from text, valid_to text)");
            }
            double[] copyMs = new double[PROVINCES.size()];
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                for (int i = 0; i < PROVINCES.size(); i++) {
                    String csv = export(PROVINCES.get(i), rows);
                    long t0 = System.nanoTime();
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                            "COPY registry_copy FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(csv));
                    copyMs[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Vertx vertx = Vertx.vertx();
            try {
                IocApiVerticle api = new IocApiVerticle(new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
                        .setDatabase("postgres").setUser("postgres").setPassword("postgres"), 0, CameraStatusSource.NONE,
                        EvidenceStore.NONE, null);
                vertx.deployVerticle(api).await(30, TimeUnit.SECONDS);
                String base = "http://127.0.0.1:" + api.actualPort();
                HttpClient http = HttpClient.newHttpClient();
                String token = ApiSession.login(base, "quantri", "bench");
                double[] importMs = new double[PROVINCES.size()];
                for (int i = 0; i < PROVINCES.size(); i++) {
                    String csv = export(PROVINCES.get(i), rows);
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/registrations?source=bench.csv"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
                    importMs[i] = (System.nanoTime() - t0) / 1e6;
                    JsonObject answer = new JsonObject(r.body());
                    if (r.statusCode() != 200 || answer.getInteger("added", -1) != rows) {
                        throw new IllegalStateException("registry import: " + r.statusCode() + " " + r.body().substring(0, Math.min(400, r.body().length())));
                    }
                }
                double imp = median(importMs), copy = median(copyMs);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("rows", rows);
                d.put("rounds", PROVINCES.size());
                d.put("import_ms_each", Arrays.stream(importMs).map(BenchResult::round).boxed().toList());
                d.put("copy_ms", BenchResult.round(copy));
                d.put("rows_per_s", BenchResult.round(rows / (imp / 1000)));
                d.put("path", "HTTP POST text/csv → contract → CSV parse → plate grammar and period checks per row → set-based writes of "
                        + "registration periods → one audit entry, one transaction");
                d.put("goal", "10,000 rows < 10 s");
                return new BenchResult("registry-import", imp / 1000, "s per " + String.format(java.util.Locale.ROOT, "%,d", rows) + " rows",
                        imp / copy, "PostgreSQL COPY of the same CSV into a plain table, same run (median)", d);
            } finally {
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    /** A registration authority's export: half cars, half motorbikes of one province, every plate new. */
    static String export(String province, int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            String serial = String.format("%05d", i);
            if (i % 2 == 0) csv.append(province).append("A-").append(serial, 0, 3).append('.').append(serial, 3, 5)
                    .append(",Chủ xe số ").append(i).append(",\"").append(i).append(" Nguyễn Huệ, phường Hải Châu\",ô tô,bạc,Hyundai Accent,2022-01-01,\n");
            else csv.append(province).append("-B1 ").append(serial, 0, 3).append('.').append(serial, 3, 5)
                    .append(",Chủ xe số ").append(i).append(",\"").append(i).append(" Trần Phú, phường Hải Châu\",xe máy,đen,Honda Vision,01/01/2022,\n");
        }
        return csv.toString();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
