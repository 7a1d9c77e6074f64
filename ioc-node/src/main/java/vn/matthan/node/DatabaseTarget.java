package vn.matthan.node;

import io.vertx.pgclient.PgConnectOptions;

import java.net.URI;

/** One PostgreSQL/TimescaleDB database, as JDBC (Flink sink, Flyway) and as reactive options (API). */
record DatabaseTarget(String host, int port, String database, String user, String password) {

    /** Parses {@code jdbc:postgresql://host:port/db}; user and password come separately (environment). */
    static DatabaseTarget fromJdbcUrl(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("IOC_DB_URL must look like jdbc:postgresql://host:5432/database, got '" + jdbcUrl + "'");
        }
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        return new DatabaseTarget(u.getHost(), u.getPort() > 0 ? u.getPort() : 5432, db, user, password);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    PgConnectOptions reactive() {
        return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
                .setPassword(password == null ? "" : password);
    }
}
