package vn.matthan.tests;

import vn.matthan.api.Passwords;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** Users the API tests sign in as; every one has the same password. */
final class TestUsers {
    static final String PASSWORD = "mật-khẩu-1";

    private TestUsers() {
    }

    /** @param users {username, role, unit codes as a PostgreSQL array literal such as {522}} */
    static void insert(Connection c, String[][] users) throws Exception {
        String hash = Passwords.hash(PASSWORD);
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO app_user (username, display_name, password_hash, role, unit_codes) VALUES (?, ?, ?, ?, ?::text[])")) {
            for (String[] u : users) {
                st.setString(1, u[0]);
                st.setString(2, u[0]);
                st.setString(3, hash);
                st.setString(4, u[1]);
                st.setString(5, u[2]);
                st.executeUpdate();
            }
        }
    }
}
