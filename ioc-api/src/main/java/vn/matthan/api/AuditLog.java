package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.matthan.events.AuditRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The API side of the hash-chained audit log (the chain rule itself is {@link AuditRecord}). */
final class AuditLog {
    private AuditLog() {
    }

    /** Appends inside the caller's transaction, under the same advisory lock the stream job takes. */
    static Future<Void> append(SqlConnection tx, Principal who, String action, String target, String reason) {
        return tx.query("SELECT pg_advisory_xact_lock(" + AuditRecord.APPEND_LOCK + ")").execute()
                .compose(x -> tx.query("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").execute())
                .compose(rows -> {
                    String prev = rows.size() == 0 ? AuditRecord.GENESIS : rows.iterator().next().getString(0);
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    String hash = AuditRecord.hash(prev, at, who.username(), who.role(), action, target, reason);
                    return tx.preparedQuery("INSERT INTO audit_log (at, actor, role, action, target, reason, prev_hash, hash) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                            .execute(Tuple.of(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), who.username(), who.role(), action,
                                    target, reason, prev, hash));
                }).mapEmpty();
    }

    /** An entry written in a transaction of its own (e.g. a read of personal data). */
    static Future<Void> record(Pool pool, Principal who, String action, String target, String reason) {
        return pool.withTransaction(tx -> append(tx, who, action, target, reason));
    }

    /** Reads the whole chain in order and checks it: seq of the first broken entry, or -1. */
    static Future<long[]> check(Pool pool) {
        return pool.query("SELECT seq, at, actor, role, action, target, reason, prev_hash, hash FROM audit_log ORDER BY seq").execute()
                .map(rows -> {
                    List<AuditRecord> chain = new ArrayList<>();
                    for (Row r : rows) {
                        chain.add(new AuditRecord(r.getLong(0), r.getOffsetDateTime(1).toInstant(), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8)));
                    }
                    return new long[]{chain.size(), AuditRecord.firstBroken(chain)};
                });
    }
}
