package vn.matthan.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Real TimescaleDB 2.23 (the PGlite WASM build from npm) behind a PostgreSQL wire server, started from
 * tests/timescaledb. It serves one connection at a time and shares one session between connections, hence
 * {@link #connection()} (one connection, never really closed) and {@code prepareThreshold=0}.
 */
final class TimescaleTestServer implements AutoCloseable {
    static final Path DIR = WholeIocEndToEndTest.ROOT.resolve("tests/timescaledb");
    private final Process process;
    private final int port;
    private Connection connection;

    TimescaleTestServer() throws IOException {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            throw new IOException("TimescaleDB test server not installed: run ./ioc setup (npm ci in " + DIR + ")");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        process = new ProcessBuilder("node", "server.mjs", String.valueOf(port)).directory(DIR.toFile())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) return;
            said.append(line).append('\n');
        }
        throw new IOException("TimescaleDB test server did not start:\n" + said);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable&prepareThreshold=0";
    }

    /** The one connection, wrapped so that close() by Flyway or a test keeps it open. */
    synchronized Connection connection() throws SQLException {
        if (connection == null) connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
        Connection real = connection;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) return null;
                    if (method.getName().equals("isClosed")) return false;
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    javax.sql.DataSource dataSource() {
        return new javax.sql.DataSource() {
            public Connection getConnection() throws SQLException {
                return connection();
            }

            public Connection getConnection(String u, String p) throws SQLException {
                return connection();
            }

            public java.io.PrintWriter getLogWriter() {
                return null;
            }

            public void setLogWriter(java.io.PrintWriter out) {
            }

            public void setLoginTimeout(int seconds) {
            }

            public int getLoginTimeout() {
                return 0;
            }

            public java.util.logging.Logger getParentLogger() {
                return java.util.logging.Logger.getGlobal();
            }

            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    @Override
    public void close() throws Exception {
        if (connection != null) connection.close();
        process.destroy();
        process.waitFor();
    }
}
