package vn.matthan.stream;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Creates and upgrades the database schema (Flyway migrations in {@code db/migration}, SQL and Java). */
public final class Schema {
    private Schema() {
    }

    public static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
