package vn.matthan.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.Passwords;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The first administrator. With no user in the database, {@code admin} is created with the password from
 * {@code IOC_ADMIN_PASSWORD}, or a random one printed once in the log (change it after signing in).
 */
final class Users {
    private static final Logger log = LoggerFactory.getLogger(Users.class);

    private Users() {
    }

    static void ensureAdmin(DatabaseTarget db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM app_user")) {
            rs.next();
            if (rs.getLong(1) > 0) return;
            String password = System.getenv("IOC_ADMIN_PASSWORD");
            boolean generated = password == null || password.isBlank();
            if (generated) {
                byte[] b = new byte[12];
                new SecureRandom().nextBytes(b);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO app_user (username, display_name, password_hash, role, unit_codes) VALUES ('admin', 'Quản trị hệ thống', ?, 'ADMIN', '{}') "
                            + "ON CONFLICT (username) DO NOTHING")) {
                st.setString(1, Passwords.hash(password));
                // API nodes of a city start together on a new database: one of them creates the admin, the others find it.
                if (st.executeUpdate() == 0) return;
            }
            if (generated) log.warn("first start: user 'admin' created with password {} (set IOC_ADMIN_PASSWORD to choose it)", password);
            else log.info("first start: user 'admin' created with the password from IOC_ADMIN_PASSWORD");
        }
    }
}
