package vn.matthan.node;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends a CSV file to an import operation of the running node, so the same checks, jurisdiction and audit entry apply
 * as for any other import, and prints every rejected line as {@code FILE:LINE: rejected: reason}. Exit 0 when all rows
 * were taken, 1 when some were rejected, 2 when nothing was imported. Credentials only from the environment:
 * {@code IOC_USER}, {@code IOC_PASSWORD}; the node at {@code IOC_URL} (default http://localhost:8080).
 */
final class CsvImport {
    private CsvImport() {
    }

    /**
     * @param path    the operation, e.g. /api/registrations
     * @param noun    what a row is, for the summary ("values", "registrations")
     * @param summary extra counts of the answer to print after "imported N noun", e.g. added, updated
     */
    static void run(String[] args, String usage, String whoMay, String path, String noun, String... summary) throws Exception {
        if (args.length != 1) fail("usage: " + usage);
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) fail("no file " + file);
        String base = System.getenv().getOrDefault("IOC_URL", "http://localhost:8080");
        String user = System.getenv("IOC_USER"), password = System.getenv("IOC_PASSWORD");
        if (user == null || password == null) fail("set IOC_USER and IOC_PASSWORD (" + whoMay + ")");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login;
        try {
            login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", password).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            fail("the node at " + base + " is not reachable (" + e.getMessage() + "); start it with ./ioc demo or set IOC_URL");
            return;
        }
        if (login.statusCode() != 200) fail("sign-in refused: " + detail(login.body()));
        String token = new JsonObject(login.body()).getString("token");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path + "?source="
                        + java.net.URLEncoder.encode(file.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject body;
        try {
            body = new JsonObject(r.body());
        } catch (RuntimeException e) {
            fail("the node answered " + r.statusCode() + ": " + r.body());
            return;
        }
        if (body.containsKey("rejected")) {
            body.getJsonArray("rejected").forEach(o -> {
                JsonObject x = (JsonObject) o;
                System.out.println(file.getFileName() + ":" + x.getLong("line") + ": rejected: " + x.getString("reason"));
            });
        }
        if (r.statusCode() != 200) fail("nothing imported: " + body.getString("detail"));
        int rejected = body.getJsonArray("rejected").size();
        StringBuilder line = new StringBuilder("imported " + body.getInteger("accepted") + " " + noun);
        for (String k : summary) line.append(", ").append(body.getValue(k)).append(' ').append(k);
        System.out.println(line + (rejected > 0 ? ", rejected " + rejected + " rows" : ""));
        System.exit(rejected > 0 ? 1 : 0);
    }

    private static String detail(String body) {
        try {
            return new JsonObject(body).getString("detail");
        } catch (RuntimeException e) {
            return body;
        }
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }
}
