package vn.matthan.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Submits a job jar to a Flink session cluster over its REST API ({@code POST /jars/upload}, then
 * {@code POST /jars/{id}/run}), the way the stream role does with {@code IOC_FLINK_REST}; watches and cancels the job.
 * <p>
 * An endpoint that cannot be reached (refused, unreachable, connect timeout, or a JobManager still electing its
 * leader: 503) is reported in one log line and tried again, pauses doubling from {@code firstPause} to
 * {@code maxPause}, until it answers; when it answers again that is one more line. A request the endpoint refuses
 * (any other error status) fails with Flink's own error text. Only requests that never reached Flink are repeated,
 * so a job is never submitted twice.
 */
public final class FlinkRestSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkRestSubmitter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI rest;
    private final Duration firstPause;
    private final Duration maxPause;
    private final HttpClient http;

    public FlinkRestSubmitter(URI rest) {
        this(rest, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public FlinkRestSubmitter(URI rest, Duration firstPause, Duration maxPause) {
        this.rest = rest.toString().endsWith("/") ? rest : URI.create(rest + "/");
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Uploads the jar and runs its entry class with the arguments; returns the job id. */
    public String submit(Path jar, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        return run(upload(jar), entryClass, args, parallelism);
    }

    /** {@code POST /jars/upload}: the id Flink gave the stored jar. */
    public String upload(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) throw new FileNotFoundException("job jar " + jar + " does not exist");
        String boundary = "----matthan" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode answer = call("upload " + jar.getFileName(), () -> {
            try {
                return HttpRequest.newBuilder(rest.resolve("jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                                HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
                        .build();
            } catch (FileNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        String stored = answer.path("filename").asText(); // the JobManager's path of the jar; its name is the id
        return stored.substring(stored.lastIndexOf('/') + 1);
    }

    /** {@code POST /jars/{id}/run}: runs the entry class's main method in the JobManager; returns the job id. */
    public String run(String jarId, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", args);
        body.put("parallelism", parallelism);
        byte[] bytes = JSON.writeValueAsBytes(body);
        return call("run " + entryClass, () -> HttpRequest.newBuilder(rest.resolve("jars/" + jarId + "/run"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build())
                .path("jobid").asText();
    }

    /** {@code GET /jobs/{id}}: the job's state (CREATED, RUNNING, RESTARTING, FAILED, CANCELED, ...). */
    public String state(String jobId) throws IOException, InterruptedException {
        return get("jobs/" + jobId).path("state").asText();
    }

    /** {@code PATCH /jobs/{id}?mode=cancel}. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        call("cancel " + jobId, () -> HttpRequest.newBuilder(rest.resolve("jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Any GET of the REST API, e.g. {@code jobs/{id}/checkpoints}. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET " + path, () -> HttpRequest.newBuilder(rest.resolve(path)).GET().build());
    }

    private JsonNode call(String what, Supplier<HttpRequest> request) throws IOException, InterruptedException {
        Duration pause = firstPause;
        int failures = 0;
        while (true) {
            String unreachable;
            try {
                HttpResponse<String> r = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 503) {
                    if (failures > 0) LOG.info("Flink REST endpoint {} answers again after {} failed attempts", rest, failures);
                    if (r.statusCode() / 100 != 2) {
                        throw new IOException("Flink REST " + what + " refused: HTTP " + r.statusCode() + " " + errors(r.body()));
                    }
                    return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
                }
                unreachable = "HTTP 503 " + errors(r.body());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                unreachable = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (failures++ == 0) {
                LOG.warn("Flink REST endpoint {} cannot be reached ({}); retrying with pauses of {} s up to {} s until it answers",
                        rest, unreachable, firstPause.toMillis() / 1000.0, maxPause.toMillis() / 1000.0);
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    /** Flink's error answer in one line: its first error, and the deepest cause of a server-side exception. */
    private static String errors(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                String first = errors.get(0).asText().lines().findFirst().orElse("");
                String cause = null;
                for (JsonNode e : errors) {
                    for (String line : e.asText().lines().toList()) {
                        if (line.startsWith("Caused by: ")) cause = line.substring("Caused by: ".length());
                    }
                }
                return cause == null ? first : first + " (" + cause + ")";
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: shown as it is
        }
        return body.length() > 300 ? body.substring(0, 300) : body;
    }
}
