package vn.matthan.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hash-chained audit log as seen from JDBC. The chain rule, the append (under the lock that serialises writers)
 * and the check are SQL functions of migration V12 ({@code audit_hash}, {@code audit_append},
 * {@code audit_chain_check}); every writer and checker calls them, so there is one implementation.
 */
public final class AuditChain {
    /** The verdict on the whole log: its entries, and the seq of the first broken one (-1 when intact). */
    public record Check(long entries, long firstBroken) {
        public boolean intact() {
            return firstBroken < 0;
        }
    }

    private AuditChain() {
    }

    public static Check check(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT entries, coalesce(first_broken, -1) FROM audit_chain_check()")) {
            rs.next();
            return new Check(rs.getLong(1), rs.getLong(2));
        }
    }
}
