package vn.matthan.node;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.matthan.schema.AuditChain;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * {@code ./ioc audit-check}: checks the audit log's hash chain with the schema's one check ({@link AuditChain}); exit 0
 * when intact, 1 naming the first removed or altered entry. Uses IOC_DB_URL, or the node's embedded database when the node is stopped
 * (while it runs, ask it: GET /api/audit/check).
 */
public final class AuditCheck {
    private AuditCheck() {
    }

    public static void main(String[] args) throws Exception {
        NodeSettings s = NodeSettings.fromEnvironment(System.getenv(), Path.of(System.getProperty("matthan.root", ".")));
        AuditChain.Check chain;
        if (s.dbUrl() != null) {
            try (Connection c = DriverManager.getConnection(s.dbUrl(), s.dbUser(), s.dbPassword())) {
                chain = AuditChain.check(c);
            }
        } else {
            Path data = s.dataDir().resolve("postgres");
            if (!java.nio.file.Files.isDirectory(data)) {
                System.err.println("error: no database in " + data + " (the node has not run here; set IOC_DB_URL for an external one)");
                System.exit(2);
            }
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
                 Connection c = pg.getPostgresDatabase().getConnection()) {
                chain = AuditChain.check(c);
            } catch (Exception e) {
                System.err.println("error: cannot open the database in " + data + " (" + e.getMessage()
                        + "); if the node is running, use GET /api/audit/check");
                System.exit(2);
                return;
            }
        }
        if (chain.intact()) {
            System.out.println("audit log intact: " + chain.entries() + " entries");
        } else {
            System.out.println("AUDIT LOG BROKEN at entry " + chain.firstBroken() + ": it or an entry before it was removed or altered");
            System.exit(1);
        }
    }
}
