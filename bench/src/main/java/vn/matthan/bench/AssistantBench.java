package vn.matthan.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import vn.matthan.api.EvidenceStore;
import vn.matthan.api.IocApiVerticle;
import vn.matthan.api.Passwords;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.node.LeadersMapData;
import vn.matthan.schema.DatabaseSchema;

import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The leaders' assistant through the real HTTP API on the demo's data (GSO units, the Quảng Ngãi report) and the
 * question set's traffic fixture. {@code assistant-accuracy}: share of the question set ({@code
 * tests/src/test/resources/assistant/questions.csv}) answered exactly, against the acceptance goal of 90 %.
 * {@code assistant-p99-ms}: p99 latency of {@code POST /api/ask} over every question of the set, asked in turn by
 * one client, against the map API answering the same data ({@code GET /api/map} for the indicator and period of each
 * question, as the map page calls it — its answer cache in use) measured the same way in the same run.
 */
final class AssistantBench {
    static final String AS_OF = "2023-11-15";
    static final double ACCURACY_GOAL = 90, P99_GOAL_MS = 200;

    private AssistantBench() {
    }

    record Asked(String split, String category, String question, String expected) {
    }

    static List<BenchResult> run(Path root, Path assets, int rounds) throws Exception {
        Path set = root.resolve("tests/src/test/resources/assistant/questions.csv");
        List<Asked> questions = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(set, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                questions.add(new Asked(rec.get("split"), rec.get("category"), rec.get("question"), rec.get("expected")));
            }
        }
        Path dir = Files.createTempDirectory("assistant-bench");
        Vertx vertx = Vertx.vertx();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute(Files.readString(set.resolveSibling("traffic.sql")));
                st.execute("INSERT INTO app_user (username, display_name, password_hash, role, unit_codes) VALUES "
                        + "('lanhdao', 'Lãnh đạo', '" + Passwords.hash("bench-password") + "', 'LEADER', '{51}')");
            }
            PgConnectOptions db = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort()).setDatabase("postgres")
                    .setUser("postgres").setPassword("postgres");
            IndicatorCatalog catalog = IndicatorCatalog.load(root.resolve("config/indicators.yaml"));
            List<String> problems = new ArrayList<>();
            LeadersMapData.prepare(vertx, db, catalog, assets, dir.resolve("none.csv"), problems::add);
            if (!problems.isEmpty()) throw new IllegalStateException("map data: " + problems);
            IocApiVerticle api = new IocApiVerticle(db, 0, vn.matthan.api.CameraStatusSource.NONE, EvidenceStore.NONE, null).withIndicators(catalog, "51");
            vertx.deployVerticle(api).await(60, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + api.actualPort();
            String token = ApiSession.login(base, "lanhdao", "bench-password");
            HttpClient http = HttpClient.newHttpClient();

            // accuracy, and the map call answering the same indicator and period for each question
            int exact = 0, heldOut = 0, heldOutExact = 0, unanswerable = 0, numbersForUnanswerable = 0;
            List<String> mapCalls = new ArrayList<>();
            for (Asked a : questions) {
                JsonObject answer = new JsonObject(ask(http, base, token, a.question()).body());
                String result = answer.getString("result");
                boolean right = result.equals(a.expected());
                if (right) exact++;
                if (a.split().equals("heldout")) {
                    heldOut++;
                    if (right) heldOutExact++;
                }
                if (a.category().equals("unanswerable")) {
                    unanswerable++;
                    if (answer.getValue("value") != null || !answer.getJsonArray("figures").isEmpty()) numbersForUnanswerable++;
                }
                JsonObject ind = answer.getJsonObject("indicator");
                String period = answer.getString("period");
                mapCalls.add(ind != null && period != null && period.matches("\\d{4}(-Q[1-4]|-\\d{2}(-\\d{2})?)?")
                        ? "/api/map?indicator=" + ind.getString("id") + "&period=" + period + "&parent=51"
                        : "/api/map?indicator=intake-digitisation&period=2023-10&parent=51");
            }
            // latency: the whole set asked in turn, several rounds, after one warm-up round
            for (Asked a : questions) ask(http, base, token, a.question());
            List<Double> askMs = new ArrayList<>(), mapMs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int n = 0; n < questions.size(); n++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> resp = ask(http, base, token, questions.get(n).question());
                    askMs.add((System.nanoTime() - t0) / 1e6);
                    if (resp.statusCode() != 200) throw new IllegalStateException("ask answered " + resp.statusCode() + ": " + resp.body());
                    long t1 = System.nanoTime();
                    HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create(base + mapCalls.get(n)))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                    mapMs.add((System.nanoTime() - t1) / 1e6);
                    if (m.statusCode() != 200) throw new IllegalStateException("map answered " + m.statusCode() + ": " + m.body());
                }
            }
            double askP99 = percentile(askMs, 99), mapP99 = percentile(mapMs, 99);
            Map<String, Object> acc = new LinkedHashMap<>();
            acc.put("questions", questions.size());
            acc.put("exact", exact);
            acc.put("held_out_exact_percent", BenchResult.round(100.0 * heldOutExact / heldOut));
            acc.put("held_out", heldOut);
            acc.put("unanswerable", unanswerable);
            acc.put("unanswerable_given_a_number", numbersForUnanswerable);
            acc.put("set", "tests/src/test/resources/assistant/questions.csv (half without diacritics; split id % 3 == 0 held out); as of " + AS_OF);
            acc.put("goal", ">= 90 % exact; no unanswerable question answered with a number");
            double accuracy = 100.0 * exact / questions.size();
            Map<String, Object> lat = new LinkedHashMap<>();
            lat.put("requests", askMs.size());
            lat.put("p50_ms", BenchResult.round(percentile(askMs, 50)));
            lat.put("map_p50_ms", BenchResult.round(percentile(mapMs, 50)));
            lat.put("map_p99_ms", BenchResult.round(mapP99));
            lat.put("load", "one client, requests in turn over loopback, " + rounds + " rounds of the question set after a warm-up round");
            lat.put("goal", "p99 < " + (int) P99_GOAL_MS + " ms");
            vertx.close().await(10, TimeUnit.SECONDS); // before the database goes
            return List.of(new BenchResult("assistant-accuracy", accuracy, "% exact", accuracy / ACCURACY_GOAL, "the goal, 90 % exact", acc),
                    new BenchResult("assistant-p99-ms", askP99, "ms", askP99 / mapP99,
                            "GET /api/map for each question's indicator and period (as the map page calls it), same run (p99)", lat));
        } finally {
            vertx.close();
            ScratchFolder.delete(dir);
        }
    }

    private static HttpResponse<String> ask(HttpClient http, String base, String token, String question) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/ask")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("question", question).put("as_of", AS_OF).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(List<Double> values, double p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }
}
