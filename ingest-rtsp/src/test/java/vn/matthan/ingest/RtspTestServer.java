package vn.matthan.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real RTSP server (GStreamer, scripts/rtsp-server.py) serving shared clips, that tests can kill and restart. */
final class RtspTestServer implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("matthan.root", "..")).toAbsolutePath().normalize();
    static final Path PYTHON = Path.of("/usr/bin/python3"); // Debian's, with python3-gi; not the pyenv one on PATH

    private final int port;
    private final Map<String, Path> mounts;
    private Process process;

    RtspTestServer(Map<String, Path> mounts) throws IOException {
        this.port = freePort();
        this.mounts = mounts;
        start();
    }

    String url(String name) {
        return "rtsp://127.0.0.1:" + port + "/" + name;
    }

    void start() throws IOException {
        if (!Files.isExecutable(PYTHON)) throw new IOException("RTSP test server needs " + PYTHON + " (run ./ioc setup)");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), ROOT.resolve("scripts/rtsp-server.py").toString(),
                String.valueOf(port)));
        mounts.forEach((name, file) -> cmd.add(name + "=" + file));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) return;
            said.append(line).append('\n');
        }
        throw new IOException("RTSP test server did not start (install the packages with ./ioc setup):\n" + said);
    }

    /** Kills the server as a crash or power cut would: no RTSP teardown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
