package vn.matthan.stream;

import org.flywaydb.core.Flyway;

/** Creates and upgrades the database schema (Flyway migrations in {@code db/migration}). */
public final class Schema {
    private Schema() {
    }

    public static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
    }
}
