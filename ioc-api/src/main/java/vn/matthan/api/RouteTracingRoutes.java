package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.matthan.api.reports.ReportPhotos;
import vn.matthan.events.PlateGrammar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Route tracing for police investigators (truy vết lộ trình qua biển số): every sighting of a plate at the cameras of
 * the investigator's jurisdiction, in time order, with its look-alike plates (one confusable character apart) listed
 * apart; the vehicle's thumbnail per sighting; the route as a signed PDF or CSV for a case file. A plate is personal
 * data: every lookup must name its reason (and may name the case), and is appended to the audit log with it before
 * anything is answered — no audit entry, no answer.
 */
final class RouteTracingRoutes {
    /** Passages at one camera this close together are one sighting (a vehicle crossing two count lines). */
    static final Duration ONE_VISIT = Duration.ofMinutes(2);
    static final Duration DEFAULT_RANGE = Duration.ofDays(7), MAX_RANGE = Duration.ofDays(31);
    static final int MAX_SIGHTINGS = 1000;

    private static final String SQL = """
            SELECT p.event_id, p.time, p.camera_id, c.name AS camera_name, c.unit_code, c.latitude, c.longitude, p.direction,
                   p.lane_id, p.count_line, p.vehicle_type, p.plate, p.plate_display, p.plate_confidence, p.plate_needs_check,
                   p.thumbnail_sha256
              FROM vehicle_passage p JOIN camera c ON c.id = p.camera_id
             WHERE p.plate = ANY($1) AND p.time >= $2 AND p.time < $3 AND ($4::text[] IS NULL OR c.unit_code = ANY($4))
             ORDER BY p.time, p.event_id
             LIMIT $5""";

    /** One sighting: the first passage of a visit to a camera, with how many passages the visit made. */
    record Sighting(String passageId, Instant time, String cameraId, String cameraName, String unitCode, Double latitude,
                    Double longitude, String direction, String lane, String countLine, String vehicleClass, String plate,
                    String plateDisplay, Double confidence, Boolean needsCheck, String thumbnailSha256, int passages) {
        JsonObject json(String looked) {
            JsonObject o = new JsonObject().put("passage_id", passageId).put("time", time.toString()).put("camera_id", cameraId)
                    .put("camera_name", cameraName).put("unit_code", unitCode).put("latitude", latitude).put("longitude", longitude)
                    .put("direction", direction).put("lane", lane.isEmpty() ? null : lane).put("count_line", countLine)
                    .put("vehicle_class", vehicleClass).put("plate", plate).put("plate_display", plateDisplay)
                    .put("confidence", confidence).put("needs_check", needsCheck).put("passages", passages)
                    .put("thumbnail", thumbnailSha256 == null ? null
                            : "/api/sightings/" + passageId + "/thumbnail.jpg?time=" + time);
            if (!plate.equals(looked)) o.put("differs_at", new JsonArray(PlateGrammar.differences(looked, plate)));
            return o;
        }
    }

    /** A lookup as asked: the plate, the half-open period, the reason and case given. */
    record Lookup(String plate, Instant from, Instant to, String reason, String caseRef) {
        String auditReason() {
            return (caseRef == null ? "" : "case " + caseRef + ": ") + reason;
        }
    }

    /** What a lookup found: the plate's own sightings and those of its look-alikes, each in time order. */
    record Route(Lookup lookup, List<Sighting> sightings, List<Sighting> nearMatches, boolean truncated) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final ReportPhotos thumbnails;
    private final ExportSigner signer;

    /** @param thumbnails where passage thumbnails are (the evidence store's photos); @param signer null: no exports */
    RouteTracingRoutes(Vertx vertx, Pool pool, ReportPhotos thumbnails, ExportSigner signer) {
        this.vertx = vertx;
        this.pool = pool;
        this.thumbnails = thumbnails == null ? ReportPhotos.NONE : thumbnails;
        this.signer = signer;
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "plateSightings", this::sightings);
        contract.mount(r, "plateRoutePdf", ctx -> export(ctx, "pdf"));
        contract.mount(r, "plateRouteCsv", ctx -> export(ctx, "csv"));
        contract.mount(r, "sightingThumbnail", this::thumbnail);
    }

    private void sightings(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        Lookup q = lookup(ctx);
        if (q == null) return;
        // Audited first: a lookup the log does not hold is never answered.
        AuditLog.record(pool, p, "plate.sightings.viewed", "plate:" + q.plate(), q.auditReason())
                .compose(x -> find(p, q))
                .onSuccess(route -> {
                    JsonArray own = new JsonArray(), near = new JsonArray();
                    route.sightings().forEach(s -> own.add(s.json(q.plate())));
                    route.nearMatches().forEach(s -> near.add(s.json(q.plate())));
                    ctx.json(new JsonObject().put("plate", q.plate()).put("from", q.from().toString()).put("to", q.to().toString())
                            .put("reason", q.reason()).put("case_ref", q.caseRef()).put("sightings", own)
                            .put("near_matches", near).put("truncated", route.truncated())
                            .put("jurisdiction", p.seesEveryUnit() ? null : new JsonArray(p.unitCodes())));
                }).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx, String format) {
        Principal p = ApiContract.caller(ctx);
        if (signer == null) {
            Problem.send(ctx, 503, "Service Unavailable", "this API node has no export key: route exports cannot be signed");
            return;
        }
        Lookup q = lookup(ctx);
        if (q == null) return;
        Instant made = Instant.now();
        AuditLog.record(pool, p, "plate.route.exported " + format, "plate:" + q.plate(), q.auditReason())
                .compose(x -> find(p, q))
                .compose(route -> vertx.executeBlocking(() -> format.equals("pdf")
                        ? RouteExport.pdf(route, p, made, signer) : RouteExport.csv(route, p, made, signer)))
                .onSuccess(bytes -> {
                    String name = "lo-trinh-" + q.plate() + "-" + made.toString().substring(0, 10) + "." + format;
                    ctx.response().putHeader("Content-Type", format.equals("pdf") ? "application/pdf" : "text/csv; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                            .putHeader("Cache-Control", "no-store")
                            .putHeader("X-Export-Key", signer.keyId())
                            .end(Buffer.buffer(bytes));
                }).onFailure(ctx::fail);
    }

    /** The vehicle at one sighting, if that camera is in the caller's jurisdiction; each view audited. */
    private void thumbnail(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        UUID id = UUID.fromString(ctx.pathParam("id"));
        Instant time;
        try {
            time = Instant.parse(ctx.queryParams().get("time"));
        } catch (RuntimeException e) {
            Problem.send(ctx, 400, "Bad Request", "'time' must be the sighting's time as the sightings list gives it");
            return;
        }
        pool.preparedQuery("SELECT p.thumbnail_sha256, c.unit_code FROM vehicle_passage p JOIN camera c ON c.id = p.camera_id "
                        + "WHERE p.time = $1 AND p.event_id = $2")
                .execute(Tuple.of(OffsetDateTime.ofInstant(time, ZoneOffset.UTC), id.toString()))
                .onSuccess(rows -> {
                    Row r = rows.size() == 0 ? null : rows.iterator().next();
                    if (r == null || !p.covers(r.getString("unit_code"))) {
                        Problem.send(ctx, 404, "Not Found", "no sighting " + id + " at " + time + " in your jurisdiction");
                        return;
                    }
                    String sha = r.getString("thumbnail_sha256");
                    if (sha == null) {
                        Problem.send(ctx, 404, "Not Found", "this sighting has no thumbnail");
                        return;
                    }
                    vertx.executeBlocking(() -> thumbnails.read(sha).filter(b -> sha256(b).equals(sha)).orElse(null))
                            .onSuccess(jpeg -> {
                                if (jpeg == null) {
                                    Problem.send(ctx, 409, "Conflict", "the thumbnail is missing or does not match its SHA-256");
                                    return;
                                }
                                AuditLog.record(pool, p, "plate.sighting.thumbnail.viewed", "passage:" + id, null)
                                        .onSuccess(x -> ctx.response().putHeader("Content-Type", "image/jpeg")
                                                .putHeader("Cache-Control", "private, no-store").end(Buffer.buffer(jpeg)))
                                        .onFailure(ctx::fail);
                            }).onFailure(ctx::fail);
                }).onFailure(ctx::fail);
    }

    /** The lookup's parameters; null after answering 400. The contract checked their form. */
    private static Lookup lookup(RoutingContext ctx) {
        String plate = PlateGrammar.normalise(ctx.pathParam("plate"));
        if (plate.length() < 4 || plate.length() > 12) {
            Problem.send(ctx, 400, "Bad Request", "'" + ctx.pathParam("plate") + "' is not a plate (4 to 12 letters and digits)");
            return null;
        }
        String reason = ctx.queryParams().get("reason");
        if (reason == null || reason.strip().length() < 10) {
            Problem.send(ctx, 400, "Bad Request",
                    "a plate lookup needs its reason: 'reason' (at least 10 characters, e.g. the case and what is sought)");
            return null;
        }
        Instant from, to;
        try {
            to = ctx.queryParams().get("to") == null ? Instant.now() : Instant.parse(ctx.queryParams().get("to"));
            from = ctx.queryParams().get("from") == null ? to.minus(DEFAULT_RANGE) : Instant.parse(ctx.queryParams().get("from"));
        } catch (java.time.format.DateTimeParseException e) {
            Problem.send(ctx, 400, "Bad Request", "'" + e.getParsedString() + "' is not an ISO-8601 instant");
            return null;
        }
        if (!from.isBefore(to)) {
            Problem.send(ctx, 400, "Bad Request", "'from' must be before 'to'");
            return null;
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            Problem.send(ctx, 400, "Bad Request", "period longer than " + MAX_RANGE.toDays() + " days");
            return null;
        }
        String caseRef = ctx.queryParams().get("case_ref");
        return new Lookup(plate, from, to, reason.strip(), caseRef == null || caseRef.isBlank() ? null : caseRef.strip());
    }

    private Future<Route> find(Principal p, Lookup q) {
        List<String> plates = new ArrayList<>(List.of(q.plate()));
        plates.addAll(PlateGrammar.lookAlikes(q.plate()));
        return pool.preparedQuery(SQL).execute(Tuple.of(plates.toArray(new String[0]),
                        OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC), OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC),
                        p.seesEveryUnit() ? null : p.unitCodes().toArray(new String[0]), MAX_SIGHTINGS + 1))
                .map(rows -> {
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    boolean truncated = all.size() > MAX_SIGHTINGS;
                    if (truncated) all = all.subList(0, MAX_SIGHTINGS);
                    List<Sighting> own = new ArrayList<>(), near = new ArrayList<>();
                    for (Row r : all) {
                        Sighting s = sighting(r);
                        List<Sighting> into = s.plate().equals(q.plate()) ? own : near;
                        Sighting last = lastOf(into, s.cameraId(), s.plate());
                        if (last != null && Duration.between(last.time(), s.time()).compareTo(ONE_VISIT) <= 0) {
                            into.set(into.lastIndexOf(last), merge(last, s));
                        } else {
                            into.add(s);
                        }
                    }
                    return new Route(q, own, near, truncated);
                });
    }

    /** The latest sighting of this plate at this camera, if it is the latest sighting of the plate at all. */
    private static Sighting lastOf(List<Sighting> list, String camera, String plate) {
        for (int i = list.size() - 1; i >= 0; i--) {
            Sighting s = list.get(i);
            if (s.plate().equals(plate)) return s.cameraId().equals(camera) ? s : null;
        }
        return null;
    }

    /** A visit keeps its first passage's time and place, the most confident read and a thumbnail. */
    private static Sighting merge(Sighting a, Sighting b) {
        boolean bBetter = b.confidence() != null && (a.confidence() == null || b.confidence() > a.confidence());
        Sighting best = bBetter ? b : a;
        return new Sighting(a.passageId(), a.time(), a.cameraId(), a.cameraName(), a.unitCode(), a.latitude(), a.longitude(),
                a.direction(), a.lane(), a.countLine(), a.vehicleClass(), a.plate(), best.plateDisplay(), best.confidence(),
                best.needsCheck(), a.thumbnailSha256() != null ? a.thumbnailSha256() : b.thumbnailSha256(), a.passages() + b.passages());
    }

    private static Sighting sighting(Row r) {
        Float conf = r.getFloat("plate_confidence");
        return new Sighting(r.getString("event_id"), r.getOffsetDateTime("time").toInstant(), r.getString("camera_id"),
                r.getString("camera_name"), r.getString("unit_code"), r.getDouble("latitude"), r.getDouble("longitude"),
                r.getString("direction"), Optional.ofNullable(r.getString("lane_id")).orElse(""), r.getString("count_line"),
                r.getString("vehicle_type"), r.getString("plate"), r.getString("plate_display"),
                conf == null ? null : Math.round(conf * 1000) / 1000.0, r.getBoolean("plate_needs_check"),
                r.getString("thumbnail_sha256"), 1);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
