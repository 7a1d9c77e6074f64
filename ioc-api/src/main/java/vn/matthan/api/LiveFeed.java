package vn.matthan.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events of live flow (per camera: this minute, the last 60 minutes by minute and class, today, the open
 * congestion episode if any, and ingest health). One poll of the database every two seconds serves every open screen;
 * a snapshot is pushed when it changes, and a comment line every 15 s keeps proxies from closing idle streams.
 */
final class LiveFeed {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    static final String LIVE_SQL = """
            SELECT c.id,
                   coalesce(sum(f.passages) FILTER (WHERE f.bucket = date_trunc('minute', now())), 0) AS this_minute,
                   coalesce(sum(f.passages) FILTER (WHERE f.bucket >= h.from_minute), 0) AS last_hour,
                   coalesce(sum(f.passages), 0) AS today,
                   (extract(epoch FROM h.from_minute) * 1000)::int8 AS hour_from,
                   array_agg(f.vehicle_class) FILTER (WHERE f.bucket >= h.from_minute) AS hour_classes,
                   array_agg((extract(epoch FROM f.bucket) * 1000)::int8) FILTER (WHERE f.bucket >= h.from_minute) AS hour_buckets,
                   array_agg(f.passages) FILTER (WHERE f.bucket >= h.from_minute) AS hour_counts,
                   (SELECT json_build_object('since', e.started_at, 'minutes', e.congested_minutes, 'peak_vehicles', e.peak_vehicles)
                      FROM congestion_event e WHERE e.camera_id = c.id AND e.cleared_at IS NULL
                     ORDER BY e.started_at DESC LIMIT 1) AS congestion
              FROM (SELECT date_trunc('minute', now()) - interval '59 minutes' AS from_minute) h
                   CROSS JOIN camera c LEFT JOIN flow_minute f
                ON f.camera_id = c.id AND f.bucket >= date_trunc('day', now())
             GROUP BY c.id, h.from_minute ORDER BY c.id""";
    static final int HOUR_MINUTES = 60;

    private final Vertx vertx;
    private final Pool pool;
    private final CameraStatusSource status;
    private final Set<HttpServerResponse> clients = ConcurrentHashMap.newKeySet();
    private long eventId;
    private String lastPayload;
    private long pollTimer = -1;
    private long pingTimer = -1;

    LiveFeed(Vertx vertx, Pool pool, CameraStatusSource status) {
        this.vertx = vertx;
        this.pool = pool;
        this.status = status;
    }

    void start() {
        pollTimer = vertx.setPeriodic(0, 2000, id -> poll());
        pingTimer = vertx.setPeriodic(15000, id -> clients.forEach(c -> c.write(": ping\n\n")));
    }

    void stop() {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(pingTimer);
        clients.forEach(c -> c.end().onFailure(e -> { }));
        clients.clear();
    }

    void subscribe(RoutingContext ctx) {
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        res.write("retry: 3000\n\n");
        if (lastPayload != null) res.write(frame(eventId, lastPayload));
        clients.add(res);
        res.closeHandler(v -> clients.remove(res));
        res.exceptionHandler(e -> clients.remove(res));
    }

    private void poll() {
        pool.query(LIVE_SQL).execute().onSuccess(rows -> {
            JsonArray cams = new JsonArray();
            for (Row r : rows) {
                cams.add(new JsonObject().put("id", r.getString("id"))
                        .put("this_minute", r.getLong("this_minute"))
                        .put("last_hour", r.getLong("last_hour"))
                        .put("today", r.getLong("today"))
                        .put("recent", lastHour(r.getLong("hour_from"), r.getArrayOfStrings("hour_classes"),
                                r.getArrayOfLongs("hour_buckets"), r.getArrayOfIntegers("hour_counts")))
                        .put("congestion", jsonOrNull(r.getValue("congestion")))
                        .put("status", CameraStatus.json(status.status(r.getString("id")))));
            }
            String payload = new JsonObject().put("cameras", cams).encode();
            if (!payload.equals(lastPayload)) {
                lastPayload = payload;
                String f = frame(++eventId, payload);
                clients.forEach(c -> c.write(f));
            }
        }).onFailure(e -> log.warn("live flow poll failed: {}", e.getMessage()));
    }

    /**
     * The last hour of one camera as {@code {from, classes: {class: [60 counts, oldest minute first]}}}: a screen of
     * 200 cameras gets about 20 times fewer bytes per push than one object per minute and class.
     */
    static JsonObject lastHour(long from, String[] classes, Long[] buckets, Integer[] counts) {
        java.util.Map<String, int[]> byClass = new java.util.TreeMap<>();
        for (int i = 0; classes != null && i < classes.length; i++) {
            int minute = (int) ((buckets[i] - from) / 60_000);
            if (minute < 0 || minute >= HOUR_MINUTES) continue;
            byClass.computeIfAbsent(classes[i], k -> new int[HOUR_MINUTES])[minute] += counts[i];
        }
        JsonObject out = new JsonObject();
        byClass.forEach((c, n) -> out.put(c, new JsonArray(java.util.Arrays.stream(n).boxed().toList())));
        return new JsonObject().put("from", from).put("classes", out);
    }

    private static JsonObject jsonOrNull(Object v) {
        return v == null ? null : v instanceof JsonObject o ? o : new JsonObject(String.valueOf(v));
    }

    private static String frame(long id, String json) {
        return "id: " + id + "\nevent: flow\ndata: " + json + "\n\n";
    }
}
