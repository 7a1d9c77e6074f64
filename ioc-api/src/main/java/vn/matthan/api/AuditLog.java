package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The API side of the hash-chained audit log. The chain rule, the lock that serialises writers and the check are the
 * schema's SQL functions ({@code audit_append}, {@code audit_chain_check}), shared with the stream job.
 */
final class AuditLog {
    private AuditLog() {
    }

    /** Appends inside the caller's transaction (the append lock is held until it ends). */
    static Future<Void> append(SqlClient tx, Principal who, String action, String target, String reason) {
        return tx.preparedQuery("SELECT audit_append($1, $2, $3, $4, $5)")
                .execute(Tuple.of(who.username(), who.role(), action, target, reason)).mapEmpty();
    }

    /** An entry written in a transaction of its own (e.g. a read of personal data). */
    static Future<Void> record(Pool pool, Principal who, String action, String target, String reason) {
        return append(pool, who, action, target, reason);
    }

    /** Checks the whole chain: {entries, seq of the first broken entry or -1}. */
    static Future<long[]> check(Pool pool) {
        return pool.query("SELECT entries, coalesce(first_broken, -1) FROM audit_chain_check()").execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[]{r.getLong(0), r.getLong(1)};
                });
    }
}
