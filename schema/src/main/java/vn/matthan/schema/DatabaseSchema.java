package vn.matthan.schema;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Creates and upgrades the database schema: the Flyway migrations in {@code db/migration} (SQL and Java). This module
 * owns every table and the functions the writers share (the audit chain, case writes); other modules only use them.
 */
public final class DatabaseSchema {
    private DatabaseSchema() {
    }

    public static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
