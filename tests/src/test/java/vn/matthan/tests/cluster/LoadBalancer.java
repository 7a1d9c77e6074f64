package vn.matthan.tests.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one address browsers use in front of the API nodes: Debian's HAProxy (installed by scripts/setup.sh), run on
 * loopback with the configuration documented in docs/deployment.md ("Load balancer"), read from there so that what
 * the documentation says is what the test runs. Only the listening address, the API nodes' addresses and the log
 * target change; every request is logged when its answer starts (the server chosen, the Last-Event-ID sent).
 */
final class LoadBalancer implements AutoCloseable {
    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Pattern BLOCK = Pattern.compile("```haproxy\\n(.*?)```", Pattern.DOTALL);

    final int port;
    final Path log;
    private final Process process;

    private LoadBalancer(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** The documented configuration with this test's addresses: {@code servers} maps a server name to host:port. */
    static String config(Path deploymentDoc, int port, Map<String, String> servers) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(deploymentDoc, StandardCharsets.UTF_8));
        if (!m.find()) throw new IllegalStateException(deploymentDoc + " has no ```haproxy block (the documented load balancer)");
        StringBuilder out = new StringBuilder();
        boolean serversWritten = false;
        for (String line : m.group(1).split("\n")) {
            String t = line.strip();
            if (t.startsWith("log ")) {
                out.append("    log stdout format raw local0\n");
            } else if (t.startsWith("bind ")) {
                out.append("    bind 127.0.0.1:").append(port).append('\n');
            } else if (t.startsWith("server ")) {
                if (serversWritten) continue;
                // The documented server line's options, once per API node of the test.
                String options = t.replaceFirst("^server\\s+\\S+\\s+\\S+", "");
                servers.forEach((name, address) -> out.append("    server ").append(name).append(' ').append(address).append(options).append('\n'));
                serversWritten = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!serversWritten) throw new IllegalStateException("the documented load balancer names no API node (server …)");
        return out.toString();
    }

    static LoadBalancer start(Path dir, Path deploymentDoc, Map<String, String> servers) throws Exception {
        if (!Files.isExecutable(HAPROXY)) throw new IOException(HAPROXY + " missing: run ./ioc setup (Debian's haproxy)");
        Files.createDirectories(dir);
        int port = FreePorts.next();
        Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config(deploymentDoc, port, servers), StandardCharsets.UTF_8);
        Path log = dir.resolve("haproxy.log");
        Process p = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "kill-haproxy"));
        LoadBalancer lb = new LoadBalancer(port, log, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!lb.listening()) {
            if (!p.isAlive()) throw new IllegalStateException("haproxy stopped:\n" + Files.readString(log));
            if (System.nanoTime() > deadline) throw new IllegalStateException("haproxy not listening:\n" + Files.readString(log));
            Thread.sleep(100);
        }
        return lb;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** One logged request: the API node that served it, the request line and the Last-Event-ID it carried ("" if none). */
    record Request(String server, String request, String lastEventId) {
    }

    private static final Pattern LINE = Pattern.compile("\\S+ \\S+/(\\S+) \\S+ (\\d+) .*?\\{([^}]*)\\} \"([^\"]*)\"");

    /** Every request logged so far, in order (the documented log format: server, status, captured header, request). */
    List<Request> requests() throws IOException {
        List<Request> out = new ArrayList<>();
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(l);
            if (m.find()) out.add(new Request(m.group(1), m.group(4), m.group(3)));
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
