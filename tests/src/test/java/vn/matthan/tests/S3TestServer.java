package vn.matthan.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real S3-compatible server on loopback: s3rver from npm (tests/s3rver, installed by ./ioc setup) speaking S3's REST
 * API over HTTP and keeping objects as files under {@code folder}. It knows one key pair, S3RVER/S3RVER, and checks
 * that the access key exists; it does not check SigV4 signatures (its README says so).
 */
final class S3TestServer implements AutoCloseable {
    static final Path DIR = WholeIocEndToEndTest.ROOT.resolve("tests/s3rver");
    static final String ACCESS_KEY = "S3RVER", SECRET_KEY = "S3RVER";
    private final Process process;
    private final int port;

    S3TestServer(Path folder, String bucket) throws IOException {
        if (!Files.isDirectory(DIR.resolve("node_modules/s3rver"))) {
            throw new IOException("S3 test server not installed: run ./ioc setup (npm ci in " + DIR + ")");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(folder);
        process = new ProcessBuilder("node", "server.mjs", String.valueOf(port), folder.toString(), bucket).directory(DIR.toFile())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) return;
            said.append(line).append('\n');
        }
        throw new IOException("S3 test server did not start:\n" + said);
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
