package vn.matthan.node;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.matthan.events.AuditRecord;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./ioc audit-check}: reads the whole audit log and checks its hash chain; exit 0 when intact, 1 naming the
 * first removed or altered entry. Uses IOC_DB_URL, or the node's embedded database when the node is stopped
 * (while it runs, ask it: GET /api/audit/check).
 */
public final class AuditCheck {
    private AuditCheck() {
    }

    public static void main(String[] args) throws Exception {
        NodeSettings s = NodeSettings.fromEnvironment(System.getenv(), Path.of(System.getProperty("matthan.root", ".")));
        List<AuditRecord> chain;
        if (s.dbUrl() != null) {
            try (Connection c = DriverManager.getConnection(s.dbUrl(), s.dbUser(), s.dbPassword())) {
                chain = read(c);
            }
        } else {
            Path data = s.dataDir().resolve("postgres");
            if (!java.nio.file.Files.isDirectory(data)) {
                System.err.println("error: no database in " + data + " (the node has not run here; set IOC_DB_URL for an external one)");
                System.exit(2);
            }
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
                 Connection c = pg.getPostgresDatabase().getConnection()) {
                chain = read(c);
            } catch (Exception e) {
                System.err.println("error: cannot open the database in " + data + " (" + e.getMessage()
                        + "); if the node is running, use GET /api/audit/check");
                System.exit(2);
                return;
            }
        }
        long broken = AuditRecord.firstBroken(chain);
        if (broken < 0) {
            System.out.println("audit log intact: " + chain.size() + " entries");
        } else {
            System.out.println("AUDIT LOG BROKEN at entry " + broken + ": it or an entry before it was removed or altered");
            System.exit(1);
        }
    }

    static List<AuditRecord> read(Connection c) throws Exception {
        List<AuditRecord> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT seq, at, actor, role, action, target, reason, prev_hash, hash FROM audit_log ORDER BY seq")) {
            while (rs.next()) {
                out.add(new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
        return out;
    }
}
