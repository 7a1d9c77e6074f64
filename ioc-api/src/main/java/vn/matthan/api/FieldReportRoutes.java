package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.matthan.api.reports.DistrictLocator;
import vn.matthan.api.reports.FieldReportSettings;
import vn.matthan.api.reports.ReportPhotos;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Citizens' field reports: intake (public form, rate-limited; hotline operators signed in), the district found from
 * the coordinates, routing to the agency, the working-day clock, the agencies' queue and moves (the lifecycle is the
 * schema's report_move), photos stored content-addressed like evidence, the citizen's status page and rating with the
 * token given at intake, and the overdue list of the wall. Every change and every read of a reporter's contact details
 * is audited.
 */
final class FieldReportRoutes {
    static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024, MAX_PHOTOS = 3;
    private static final Map<String, String> STATUS_VI = Map.of("RECEIVED", "Đã tiếp nhận", "ASSIGNED", "Đã chuyển đơn vị xử lý",
            "IN_PROGRESS", "Đang xử lý", "RESOLVED", "Đã xử lý xong", "RATED", "Đã đánh giá");

    private final Vertx vertx;
    private final Pool pool;
    private final FieldReportSettings settings;
    private final ReportPhotos photos;
    private final RateLimiter intake = new RateLimiter(10);
    private final RateLimiter publicReads = new RateLimiter(20);
    private final SecureRandom random = new SecureRandom();

    FieldReportRoutes(Vertx vertx, Pool pool, FieldReportSettings settings, ReportPhotos photos) {
        this.vertx = vertx;
        this.pool = pool;
        this.settings = settings;
        this.photos = photos;
    }

    /** Inhabitants per unit with their source, for reports per 10,000 inhabitants (the figures of population.yaml). */
    Future<Void> load() {
        List<Tuple> rows = new ArrayList<>();
        for (FieldReportSettings.Inhabitants i : settings.population()) rows.add(Tuple.of(i.unitCode(), i.population(), i.year(), i.source()));
        if (rows.isEmpty()) return Future.succeededFuture();
        return pool.preparedQuery("""
                INSERT INTO unit_population (unit_code, population, year, source) VALUES ($1, $2, $3, $4)
                ON CONFLICT (unit_code) DO UPDATE SET population = excluded.population, year = excluded.year, source = excluded.source""")
                .executeBatch(rows).mapEmpty();
    }

    /** Photos make the intake body larger than other requests (before the general body handler). */
    void mountIntake(Router r) {
        r.post("/api/reports").handler(BodyHandler.create().setBodyLimit((MAX_PHOTO_BYTES * 4L / 3 + 4096) * MAX_PHOTOS + 16 * 1024));
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "reportCategories", this::categories);
        contract.mount(r, "createReport", this::create);
        contract.mount(r, "reportQueue", this::queue);
        contract.mount(r, "getReport", this::get);
        contract.mount(r, "moveReport", this::move);
        contract.mount(r, "reportPhoto", this::photo);
        contract.mount(r, "publicReport", this::publicReport);
        contract.mount(r, "rateReport", this::rate);
        contract.mount(r, "overdueReports", this::overdue);
    }

    // ---- intake ----

    private void categories(RoutingContext ctx) {
        JsonArray cats = new JsonArray();
        settings.categories().values().forEach(c -> cats.add(new JsonObject().put("id", c.id).put("name_vi", c.nameVi).put("name_en", c.nameEn)));
        JsonArray agencies = new JsonArray();
        settings.agencies().values().forEach(a -> agencies.add(new JsonObject().put("id", a.id).put("name", a.name)));
        ctx.json(new JsonObject().put("version", settings.version()).put("working_days", settings.workingDays())
                .put("calendar_version", settings.calendar().version()).put("categories", cats).put("agencies", agencies));
    }

    private record Photo(String sha256, String mediaType, byte[] bytes) {
    }

    private void create(RoutingContext ctx) {
        Principal caller = ctx.get(Auth.PRINCIPAL);
        boolean hotline = caller != null && (Principal.IOC_OPERATOR.equals(caller.role()) || Principal.ADMIN.equals(caller.role()));
        if (!hotline && !intake.allow(ctx.request().remoteAddress().host())) {
            Problem.send(ctx, 429, "Too Many Requests", "too many reports from this address; wait a minute");
            return;
        }
        JsonObject b = ctx.body().asJsonObject();
        String category = b.getString("category");
        if (!settings.categories().containsKey(category)) {
            Problem.send(ctx, 422, "Unprocessable Content", "unknown category '" + category + "' (known: " + String.join(", ", settings.categories().keySet()) + ")");
            return;
        }
        Double lat = b.getDouble("latitude"), lon = b.getDouble("longitude");
        String place = trimmed(b.getString("place"));
        if ((lat == null) != (lon == null)) {
            Problem.send(ctx, 422, "Unprocessable Content", "give both latitude and longitude, or neither");
            return;
        }
        if (lat == null && place == null) {
            Problem.send(ctx, 422, "Unprocessable Content", "say where: a place (address) or the coordinates");
            return;
        }
        if (!hotline && (b.getString("reporter_name") != null || b.getString("reporter_phone") != null)) {
            // The public form collects nothing personal; only the hotline operator notes a caller's name and number.
            Problem.send(ctx, 422, "Unprocessable Content", "reporter_name and reporter_phone are taken by the hotline operator only");
            return;
        }
        List<Photo> photoList = new ArrayList<>();
        JsonArray given = b.getJsonArray("photos", new JsonArray());
        for (int i = 0; i < given.size(); i++) {
            JsonObject ph = given.getJsonObject(i);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(ph.getString("data"));
            } catch (IllegalArgumentException e) {
                Problem.send(ctx, 400, "Bad Request", "photos[" + i + "].data: not base64");
                return;
            }
            String type = ph.getString("media_type");
            String problem = photoProblem(bytes, type);
            if (problem != null) {
                Problem.send(ctx, 422, "Unprocessable Content", "photos[" + i + "]: " + problem);
                return;
            }
            photoList.add(new Photo(Auth.sha256(bytes), type, bytes));
        }
        Instant now = Instant.now();
        String unit = lat == null ? null : settings.locator().locate(lat, lon).map(DistrictLocator.District::code).orElse(null);
        String agency = settings.agencyFor(category, unit);
        Instant due;
        try {
            due = settings.calendar().deadline(now, settings.workingDays());
        } catch (IllegalStateException e) {
            Problem.send(ctx, 503, "Service Unavailable", e.getMessage());
            return;
        }
        UUID id = UUID.randomUUID();
        byte[] t = new byte[24];
        random.nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        Principal actor = hotline ? caller : new Principal("public:web", "PUBLIC", List.of());
        String channel = hotline ? "hotline" : "web";
        // Photos are stored (content-addressed, idempotent) before the report that names them exists.
        vertx.executeBlocking(() -> {
            for (Photo p : photoList) photos.store(p.sha256(), p.mediaType(), p.bytes());
            return null;
        }).compose(x -> pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT report_open($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
                .execute(Tuple.from(new Object[]{id, channel, category, b.getString("description").strip(), place, lat, lon, unit, agency,
                        OffsetDateTime.ofInstant(due, ZoneOffset.UTC), settings.calendar().version(), Auth.sha256(token),
                        hotline ? trimmed(b.getString("reporter_name")) : null, hotline ? trimmed(b.getString("reporter_phone")) : null,
                        actor.username(), actor.role()}))
                .compose(y -> {
                    if (photoList.isEmpty()) return Future.succeededFuture();
                    List<Tuple> rows = new ArrayList<>();
                    for (int i = 0; i < photoList.size(); i++) {
                        Photo p = photoList.get(i);
                        rows.add(Tuple.of(id, p.sha256(), p.mediaType(), p.bytes().length, (short) i));
                    }
                    return tx.preparedQuery("INSERT INTO field_report_photo (report_id, sha256, media_type, bytes, position) "
                            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING").executeBatch(rows).mapEmpty();
                })))
                .onSuccess(x -> {
                    JsonObject out = new JsonObject().put("id", id.toString()).put("token", token).put("channel", channel)
                            .put("status", agency == null ? "RECEIVED" : "ASSIGNED").put("category", category)
                            .put("unit_code", unit).put("unit_name", unit == null ? null : settings.locator().district(unit).map(DistrictLocator.District::name).orElse(null))
                            .put("agency", agency).put("agency_name", agencyName(agency)).put("received_at", now.toString())
                            .put("due_at", due.toString()).put("working_days", settings.workingDays())
                            .put("photos", new JsonArray(photoList.stream().map(Photo::sha256).toList()))
                            .put("track_url", "/phan-anh.html?ma=" + id + "&token=" + token);
                    ctx.response().setStatusCode(201);
                    ctx.json(out);
                }).onFailure(e -> fail(ctx, e));
    }

    /** JPEG or PNG as declared, by its first bytes, within the size limit. */
    static String photoProblem(byte[] bytes, String mediaType) {
        if (bytes.length == 0) return "empty";
        if (bytes.length > MAX_PHOTO_BYTES) return "larger than " + MAX_PHOTO_BYTES / (1024 * 1024) + " MB";
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF;
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        if ("image/jpeg".equals(mediaType) && !jpeg) return "declared image/jpeg but is not a JPEG";
        if ("image/png".equals(mediaType) && !png) return "declared image/png but is not a PNG";
        return null;
    }

    // ---- agencies' queue ----

    private static final String REPORT_COLUMNS = """
            r.id, r.channel, r.category, r.description, r.place, r.latitude, r.longitude, r.unit_code, r.agency, r.status,
            r.received_at, r.due_at, r.resolved_at, r.resolution, r.rating, r.rating_comment, r.rated_at, r.calendar_version,
            r.reporter_name IS NOT NULL OR r.reporter_phone IS NOT NULL AS has_contact""";

    private void queue(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        String status = ctx.queryParams().get("status");
        boolean overdueOnly = "true".equals(ctx.queryParams().get("overdue"));
        String agency = Principal.AGENCY.equals(p.role()) ? p.agency() : ctx.queryParams().get("agency");
        pool.preparedQuery("SELECT " + REPORT_COLUMNS + " FROM field_report r WHERE ($1::text IS NULL OR r.agency = $1) "
                        + "AND ($2::text IS NULL OR r.status = $2) "
                        + "AND (NOT $3 OR (r.status IN ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS') AND r.due_at < now())) "
                        + "ORDER BY (r.status IN ('RESOLVED', 'RATED')), r.due_at, r.id LIMIT 500")
                .execute(Tuple.of(agency, status, overdueOnly))
                .onSuccess(rows -> {
                    JsonArray items = new JsonArray();
                    for (Row r : rows) items.add(json(r));
                    ctx.json(new JsonObject().put("agency", agency).put("reports", items));
                }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private Future<Row> visible(RoutingContext ctx, Principal p, String columns) {
        UUID id = UUID.fromString(ctx.pathParam("id"));
        return pool.preparedQuery("SELECT " + columns + " FROM field_report r WHERE r.id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0 || (Principal.AGENCY.equals(p.role()) && !java.util.Objects.equals(p.agency(), rows.iterator().next().getString("agency")))) {
                // Another agency's report is as absent as a report that does not exist.
                Problem.send(ctx, 404, "Not Found", "no report " + id + " for this agency");
                return null;
            }
            return rows.iterator().next();
        });
    }

    private void get(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        visible(ctx, p, REPORT_COLUMNS + ", r.reporter_name, r.reporter_phone").compose(r -> {
            if (r == null) return Future.succeededFuture();
            UUID id = r.getUUID("id");
            Future<?> audited = r.getBoolean("has_contact")
                    ? AuditLog.record(pool, p, "report.contact.viewed", "report:" + id, "reporter's name and phone shown")
                    : Future.succeededFuture();
            return audited.compose(x -> pool.preparedQuery("SELECT sha256, media_type, bytes FROM field_report_photo WHERE report_id = $1 ORDER BY position")
                    .execute(Tuple.of(id))).compose(ph -> pool.preparedQuery(
                            "SELECT seq, at, actor, role, action, reason FROM audit_log WHERE target = $1 ORDER BY seq")
                    .execute(Tuple.of("report:" + id)).onSuccess(trail -> {
                        JsonObject out = json(r).put("reporter_name", r.getString("reporter_name")).put("reporter_phone", r.getString("reporter_phone"));
                        JsonArray photoJson = new JsonArray();
                        for (Row x : ph) {
                            photoJson.add(new JsonObject().put("sha256", x.getString(0)).put("media_type", x.getString(1)).put("bytes", x.getInteger(2))
                                    .put("url", "/api/reports/" + id + "/photos/" + x.getString(0)));
                        }
                        JsonArray audit = new JsonArray();
                        for (Row a : trail) {
                            audit.add(new JsonObject().put("seq", a.getLong(0)).put("at", IocApiVerticle.iso(a.getOffsetDateTime(1)))
                                    .put("actor", a.getString(2)).put("role", a.getString(3)).put("action", a.getString(4)).put("reason", a.getString(5)));
                        }
                        out.put("photos", photoJson).put("audit", audit).put("allowed", allowed(p, r.getString("status")));
                        ctx.json(out);
                    }));
        }).onFailure(e -> fail(ctx, e));
    }

    /** The moves this caller may make from a status (the schema's report_next, narrowed by role). */
    static JsonArray allowed(Principal p, String status) {
        JsonArray out = new JsonArray();
        boolean agency = Principal.AGENCY.equals(p.role());
        switch (status) {
            case "RECEIVED" -> {
                if (!agency) out.add("ASSIGNED");
            }
            case "ASSIGNED" -> {
                if (agency) out.add("IN_PROGRESS").add("RECEIVED");
                else out.add("ASSIGNED");
            }
            case "IN_PROGRESS" -> {
                if (agency) out.add("RESOLVED").add("RECEIVED");
                else out.add("ASSIGNED");
            }
            default -> {
            }
        }
        return out;
    }

    private void move(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        JsonObject b = ctx.body().asJsonObject();
        String to = b.getString("to"), agency = b.getString("agency"), reason = trimmed(b.getString("reason"));
        if (agency != null && !settings.agencies().containsKey(agency)) {
            Problem.send(ctx, 422, "Unprocessable Content", "unknown agency '" + agency + "'");
            return;
        }
        visible(ctx, p, "r.id, r.status, r.agency").compose(r -> {
            if (r == null) return Future.succeededFuture();
            String from = r.getString("status");
            if (!allowed(p, from).contains(to)) {
                Problem.send(ctx, 409, "Conflict", "a " + from + " report cannot become " + to + " by role " + p.role()
                        + " (allowed: " + allowed(p, from).encode() + ")");
                return Future.succeededFuture();
            }
            return pool.withTransaction(tx -> tx.preparedQuery("SELECT report_move($1, $2, $3, $4, $5, $6, $7)")
                            .execute(Tuple.from(new Object[]{r.getUUID("id"), from, to, agency, reason, p.username(), p.role()})))
                    .onSuccess(x -> ctx.json(new JsonObject().put("id", r.getUUID("id").toString()).put("status", to)));
        }).onFailure(e -> fail(ctx, e));
    }

    private void photo(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        String sha = ctx.pathParam("sha256");
        visible(ctx, p, "r.id, r.agency").compose(r -> {
            if (r == null) return Future.succeededFuture();
            return pool.preparedQuery("SELECT media_type FROM field_report_photo WHERE report_id = $1 AND sha256 = $2")
                    .execute(Tuple.of(r.getUUID("id"), sha)).compose(rows -> {
                        if (rows.size() == 0) {
                            Problem.send(ctx, 404, "Not Found", "the report has no photo " + sha);
                            return Future.succeededFuture();
                        }
                        String type = rows.iterator().next().getString(0);
                        return vertx.executeBlocking(() -> photos.read(sha)).compose(bytes -> {
                            // Served only when the bytes still hash to their address (like evidence, never a changed file).
                            if (bytes.isEmpty() || !Auth.sha256(bytes.get()).equals(sha)) {
                                Problem.send(ctx, 409, "Conflict", bytes.isEmpty() ? "the photo is missing from the store"
                                        : "the stored photo no longer matches its SHA-256; not served");
                                return Future.succeededFuture();
                            }
                            return AuditLog.record(pool, p, "report.photo.viewed", "report:" + r.getUUID("id"), sha)
                                    .onSuccess(x -> ctx.response().putHeader("Content-Type", type).putHeader("Cache-Control", "private, no-store")
                                            .end(Buffer.buffer(bytes.get())));
                        });
                    });
        }).onFailure(e -> fail(ctx, e));
    }

    // ---- the citizen ----

    private void publicReport(RoutingContext ctx) {
        if (!publicReads.allow(ctx.request().remoteAddress().host())) {
            Problem.send(ctx, 429, "Too Many Requests", "too many requests from this address; wait a minute");
            return;
        }
        UUID id = UUID.fromString(ctx.pathParam("id"));
        String token = ctx.queryParams().get("token");
        pool.preparedQuery("SELECT " + REPORT_COLUMNS + ", r.rating_token_sha256 FROM field_report r WHERE r.id = $1").execute(Tuple.of(id))
                .onSuccess(rows -> {
                    if (rows.size() == 0 || !rows.iterator().next().getString("rating_token_sha256").equals(Auth.sha256(token))) {
                        Problem.send(ctx, 404, "Not Found", "no report with this code and token");
                        return;
                    }
                    Row r = rows.iterator().next();
                    // What the citizen may see of their own report: no other person's data, no staff names.
                    JsonObject j = json(r);
                    j.remove("has_contact");
                    ctx.json(j);
                }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private void rate(RoutingContext ctx) {
        if (!publicReads.allow(ctx.request().remoteAddress().host())) {
            Problem.send(ctx, 429, "Too Many Requests", "too many requests from this address; wait a minute");
            return;
        }
        UUID id = UUID.fromString(ctx.pathParam("id"));
        JsonObject b = ctx.body().asJsonObject();
        pool.withTransaction(tx -> tx.preparedQuery("SELECT report_rate($1, $2, $3, $4)")
                        .execute(Tuple.of(id, Auth.sha256(b.getString("token")), b.getString("rating"), trimmed(b.getString("comment")))))
                .onSuccess(x -> ctx.json(new JsonObject().put("id", id.toString()).put("status", "RATED").put("rating", b.getString("rating"))))
                .onFailure(e -> fail(ctx, e));
    }

    // ---- the wall ----

    private void overdue(RoutingContext ctx) {
        pool.query("SELECT r.id, r.category, r.unit_code, r.agency, r.status, r.due_at FROM field_report r "
                        + "WHERE r.status IN ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS') AND r.due_at < now() ORDER BY r.due_at LIMIT 200")
                .execute().onSuccess(rows -> {
                    JsonArray items = new JsonArray();
                    LocalDate today = LocalDate.now(vn.matthan.api.reports.WorkingCalendar.VIETNAM);
                    for (Row r : rows) {
                        Instant due = r.getOffsetDateTime("due_at").toInstant();
                        LocalDate lastDay = due.minusSeconds(1).atZone(vn.matthan.api.reports.WorkingCalendar.VIETNAM).toLocalDate();
                        Integer late = null;
                        try {
                            late = settings.calendar().workingDaysBetween(lastDay, today);
                        } catch (IllegalStateException e) {
                            // a year the calendar does not list: the overdue report is still shown, without the count
                        }
                        String cat = r.getString("category");
                        var c = settings.categories().get(cat);
                        items.add(new JsonObject().put("id", r.getUUID("id").toString()).put("category", cat)
                                .put("category_vi", c == null ? cat : c.nameVi).put("category_en", c == null ? cat : c.nameEn)
                                .put("unit_code", r.getString("unit_code")).put("unit_name", unitName(r.getString("unit_code")))
                                .put("agency", r.getString("agency")).put("agency_name", agencyName(r.getString("agency")))
                                .put("status", r.getString("status")).put("due_at", due.toString()).put("working_days_late", late));
                    }
                    ctx.json(new JsonObject().put("count", items.size()).put("reports", items));
                }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    // ---- shared ----

    private JsonObject json(Row r) {
        String cat = r.getString("category");
        var c = settings.categories().get(cat);
        Instant due = r.getOffsetDateTime("due_at").toInstant();
        String status = r.getString("status");
        boolean open = status.equals("RECEIVED") || status.equals("ASSIGNED") || status.equals("IN_PROGRESS");
        OffsetDateTime resolved = r.getOffsetDateTime("resolved_at");
        return new JsonObject().put("id", r.getUUID("id").toString()).put("channel", r.getString("channel"))
                .put("category", cat).put("category_vi", c == null ? cat : c.nameVi).put("category_en", c == null ? cat : c.nameEn)
                .put("description", r.getString("description")).put("place", r.getString("place"))
                .put("latitude", r.getDouble("latitude")).put("longitude", r.getDouble("longitude"))
                .put("unit_code", r.getString("unit_code")).put("unit_name", unitName(r.getString("unit_code")))
                .put("agency", r.getString("agency")).put("agency_name", agencyName(r.getString("agency")))
                .put("status", status).put("status_vi", STATUS_VI.get(status))
                .put("received_at", IocApiVerticle.iso(r.getOffsetDateTime("received_at"))).put("due_at", due.toString())
                .put("overdue", open && due.isBefore(Instant.now()))
                .put("on_time", resolved == null ? null : !resolved.toInstant().isAfter(due))
                .put("resolved_at", IocApiVerticle.iso(resolved)).put("resolution", r.getString("resolution"))
                .put("rating", r.getString("rating")).put("rating_comment", r.getString("rating_comment"))
                .put("rated_at", IocApiVerticle.iso(r.getOffsetDateTime("rated_at")))
                .put("calendar_version", r.getString("calendar_version")).put("has_contact", r.getBoolean("has_contact"));
    }

    private String agencyName(String id) {
        var a = id == null ? null : settings.agencies().get(id);
        return a == null ? id : a.name;
    }

    private String unitName(String code) {
        return code == null ? null : settings.locator().district(code).map(DistrictLocator.District::name).orElse(code);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The schema's report functions: MT409 changed meanwhile / not allowed now, MT422 incomplete move, MT403 wrong token. */
    private static void fail(RoutingContext ctx, Throwable e) {
        if (ctx.response().ended()) return;
        if (e instanceof PgException pg && pg.getSqlState() != null) {
            switch (pg.getSqlState()) {
                case "MT409" -> {
                    Problem.send(ctx, 409, "Conflict", pg.getErrorMessage());
                    return;
                }
                case "MT422" -> {
                    Problem.send(ctx, 422, "Unprocessable Content", pg.getErrorMessage());
                    return;
                }
                case "MT403" -> {
                    Problem.send(ctx, 403, "Forbidden", pg.getErrorMessage());
                    return;
                }
                default -> {
                }
            }
        }
        ctx.fail(e);
    }
}
