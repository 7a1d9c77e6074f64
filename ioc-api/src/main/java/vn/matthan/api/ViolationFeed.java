package vn.matthan.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events of new violations for the live wall ({@code GET /api/live/violations}). The event id is the
 * sequence number of the case's "case.opened" entry in the append-only audit log, so a screen that reconnects with
 * {@code Last-Event-ID} (browsers send it themselves) gets exactly what it missed, in order. Nothing personal
 * travels: type, camera, unit, time and case id, no plate.
 */
final class ViolationFeed {
    private static final Logger log = LoggerFactory.getLogger(ViolationFeed.class);
    static final int BACKLOG_LIMIT = 500;
    static final long POLL_MS = 250;
    static final long PING_MS = 15_000;
    static final String SINCE_SQL = """
            SELECT a.seq, v.id, v.violation_type, v.camera_id, c.name AS camera_name, v.unit_code, v.occurred_at, v.place,
                   v.evidence_sha256 IS NOT NULL AS has_evidence
              FROM audit_log a JOIN violation_case v ON a.target = 'case:' || v.id LEFT JOIN camera c ON c.id = v.camera_id
             WHERE a.action = 'case.opened' AND a.seq > $1 ORDER BY a.seq LIMIT $2""";

    private record Pending(long seq, String frame) {
    }

    /** One open stream: events are written only above {@code sent}; until its backlog is out, live ones wait. */
    private static final class Client {
        final HttpServerResponse res;
        long sent;
        boolean ready;
        final List<Pending> waiting = new ArrayList<>();

        Client(HttpServerResponse res, long sent) {
            this.res = res;
            this.sent = sent;
        }

        void write(long seq, String frame) {
            if (seq <= sent) return;
            res.write(frame);
            sent = seq;
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private long newest = -1;
    private long timer = -1;
    private long pingTimer = -1;
    private boolean polling;

    ViolationFeed(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    void start() {
        findEnd();
        timer = vertx.setPeriodic(POLL_MS, id -> poll());
        // As on the flow stream: a comment line every 15 s, so a proxy's idle timeout never cuts a quiet stream.
        pingTimer = vertx.setPeriodic(PING_MS, id -> clients.forEach(c -> c.res.write(": ping\n\n")));
    }

    void stop() {
        vertx.cancelTimer(timer);
        vertx.cancelTimer(pingTimer);
        clients.forEach(c -> c.res.end().onFailure(e -> { }));
        clients.clear();
    }

    void subscribe(RoutingContext ctx) {
        // The contract let only event numbers through: digits in Last-Event-ID (the browser's resume), a whole number in after.
        String last = ctx.request().getHeader("Last-Event-ID");
        long after = last != null && !last.isBlank() ? Long.parseLong(last) : ApiContract.query(ctx, "after") instanceof Number n ? n.longValue() : Math.max(newest, 0);
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        res.write("retry: 2000\n\n");
        Client client = new Client(res, after);
        clients.add(client);
        res.closeHandler(v -> clients.remove(client));
        res.exceptionHandler(e -> clients.remove(client));
        pool.preparedQuery(SINCE_SQL).execute(Tuple.of(after, BACKLOG_LIMIT)).onComplete(r -> {
            if (r.succeeded()) for (Row row : r.result()) client.write(row.getLong("seq"), frame(row));
            else log.warn("violation feed: backlog after {} not read: {}", after, r.cause().getMessage());
            client.waiting.forEach(p -> client.write(p.seq(), p.frame()));
            client.waiting.clear();
            client.ready = true;
        });
    }

    private void poll() {
        if (newest < 0) {
            findEnd();
            return;
        }
        if (polling) return;
        polling = true;
        pool.preparedQuery(SINCE_SQL).execute(Tuple.of(newest, BACKLOG_LIMIT)).onComplete(r -> {
            polling = false;
            if (r.failed()) {
                log.warn("violation feed poll failed: {}", r.cause().getMessage());
                return;
            }
            RowSet<Row> rows = r.result();
            for (Row row : rows) {
                long seq = row.getLong("seq");
                String f = frame(row);
                newest = seq;
                for (Client c : clients) {
                    if (c.ready) c.write(seq, f);
                    else c.waiting.add(new Pending(seq, f));
                }
            }
        });
    }

    /**
     * The feed starts at the log's end: the wall shows what happens from now on (plus what a reconnecting screen
     * missed). Tried again on each tick while the database is not readable.
     */
    private void findEnd() {
        pool.query("SELECT coalesce(max(seq), 0) FROM audit_log").execute()
                .onSuccess(rows -> {
                    if (newest < 0) newest = rows.iterator().next().getLong(0);
                })
                .onFailure(e -> log.warn("violation feed: audit log not readable yet: {}", e.getMessage()));
    }

    private static String frame(Row r) {
        JsonObject o = new JsonObject().put("case_id", r.getUUID("id").toString()).put("type", r.getString("violation_type"))
                .put("camera_id", r.getString("camera_id")).put("camera_name", r.getString("camera_name"))
                .put("unit_code", r.getString("unit_code")).put("place", r.getString("place"))
                .put("occurred_at", IocApiVerticle.iso(r.getOffsetDateTime("occurred_at")))
                .put("has_evidence", r.getBoolean("has_evidence"));
        return "id: " + r.getLong("seq") + "\nevent: violation\ndata: " + o.encode() + "\n\n";
    }
}
