package vn.matthan.tests;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.node.IocNode;
import vn.matthan.node.NodeSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees when the node cannot do everything it was asked to. */
class NodeStartupProblemsTest {
    static final Path ROOT = WholeIocEndToEndTest.ROOT;

    @TempDir
    Path dir;

    @Test
    void aMissingModelIsNamedInOneLineAndTheWallStillRunsShowingWhy() throws Exception {
        Path missing = dir.resolve("models/yolox_missing.onnx");
        NodeSettings settings = NodeSettings.fromEnvironment(Map.of("IOC_ASSETS", WholeIocEndToEndTest.ASSETS.toString(),
                "IOC_DATA_DIR", dir.resolve("data").toString()), ROOT).withModelFile(missing).withHttpPort(0);
        try (IocNode node = IocNode.start(settings)) {
            assertThat(node.problems()).hasSize(1);
            assertThat(node.problems().get(0)).contains("model file not found").contains(missing.toString());

            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.httpPort() + "/api/cameras")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            JsonObject status = new JsonArray(res.body()).getJsonObject(0).getJsonObject("status");
            assertThat(status.getString("state")).isEqualTo("FAILED");
            assertThat(status.getString("last_error")).contains("yolox_missing.onnx");
        }
    }

    @Test
    void withNothingToRunTheDemoExitsWithOneClearMessage() throws Exception {
        Path registry = dir.resolve("no-such-cameras.yaml");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dmatthan.root=" + ROOT, "vn.matthan.node.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("IOC_CAMERAS", registry.toString());
        pb.environment().put("IOC_DATA_DIR", dir.resolve("data").toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.lines().filter(l -> l.contains("cannot start")).toList())
                .containsExactly("Mắt Thần IOC cannot start: camera registry not found: " + registry);
    }
}
