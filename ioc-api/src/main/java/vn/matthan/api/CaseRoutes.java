package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import vn.matthan.events.CaseStatus;
import vn.matthan.events.ViolationLabels;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The police review desk's API: the review queue (keyset-paged, scoped to the reviewer's units), a case with its
 * audit trail, lifecycle moves (illegal ones answer 409), plate corrections that keep the original read, the
 * notice PDF, evidence files of verified packages, the audit chain check, and the public plate lookup.
 * Every read of personal data (plates, evidence, notices) is written to the audit log.
 */
final class CaseRoutes {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String COLUMNS = """
            v.id, v.violation_type, v.detail, v.place, v.camera_id, c.name AS camera_name, v.unit_code, v.occurred_at,
            v.vehicle_class, v.signal_phase, v.time_into_red_s, v.speed_kmh, v.indicative, v.plate_read, v.plate_confidence,
            v.plate_needs_check, v.plate_corrected, v.plate, v.evidence_sha256, v.scene_version, v.status, v.reject_reason, v.merged_into,
            g.vehicle_class AS registered_class, g.brand AS registered_brand, g.colour AS registered_colour""";
    /** The case, its camera, and the vehicle registered for its plate on the day of the violation (none: nulls). */
    private static final String JOINS = """
            LEFT JOIN camera c ON c.id = v.camera_id
            LEFT JOIN LATERAL (SELECT vehicle_class, brand, colour FROM vehicle_registration r
                                WHERE r.plate = v.plate AND r.superseded_at IS NULL
                                  AND r.valid_from <= (v.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                                  AND (r.valid_to IS NULL OR r.valid_to >= (v.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
                                ORDER BY r.valid_from DESC LIMIT 1) g ON true""";
    private static final String FROM = "violation_case v " + JOINS;

    private final Vertx vertx;
    private final Pool pool;
    private final EvidenceStore evidence;
    private final NoticeSettings notice;
    private final VehicleRegistry registry;
    private final RateLimiter publicLookups = new RateLimiter(20);
    private final RateLimiter publicScenes = new RateLimiter(120);

    CaseRoutes(Vertx vertx, Pool pool, EvidenceStore evidence, NoticeSettings notice) {
        this.vertx = vertx;
        this.pool = pool;
        this.evidence = evidence;
        this.notice = notice;
        this.registry = VehicleRegistry.database(pool);
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "reviewQueue", this::queue);
        contract.mount(r, "caseDetail", this::detail);
        contract.mount(r, "caseTransition", this::transition);
        contract.mount(r, "casePlateCorrection", this::correctPlate);
        contract.mount(r, "caseNotice", this::noticePdf);
        contract.mount(r, "caseEvidenceCheck", this::evidenceCheck);
        contract.mount(r, "caseEvidenceFile", this::evidenceFile);
        contract.mount(r, "caseThumbnail", this::thumbnail);
        contract.mount(r, "auditCheck", this::auditCheck);
        contract.mount(r, "publicLookup", this::publicLookup);
        contract.mount(r, "publicViolationScene", this::publicScene);
    }

    // ---- review queue ----

    private void queue(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        // The contract checked every parameter's form; here they become the query. Newest first by default; oldest
        // first works a backlog against the deadline for notices.
        boolean oldest = "oldest".equals(ctx.queryParams().get("sort"));
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("v.merged_into IS NULL");
        args.add(CaseStatus.valueOf(ctx.queryParams().get("status") == null ? "PENDING_REVIEW" : ctx.queryParams().get("status")).name());
        where.append(" AND v.status = $").append(args.size());
        if (!p.seesEveryUnit()) {
            args.add(p.unitCodes().toArray(new String[0]));
            where.append(" AND v.unit_code = ANY($").append(args.size()).append(")");
        }
        for (String[] f : new String[][]{{"unit", "v.unit_code"}, {"camera", "v.camera_id"}, {"type", "v.violation_type"}}) {
            String val = ctx.queryParams().get(f[0]);
            if (val != null) {
                args.add(val);
                where.append(" AND ").append(f[1]).append(" = $").append(args.size());
            }
        }
        String plate = ctx.queryParams().get("plate");
        if (plate != null) {
            args.add(VehicleRegistry.normalise(plate));
            where.append(" AND v.plate = $").append(args.size());
        }
        for (String[] f : new String[][]{{"from", ">="}, {"to", "<"}}) {
            String val = ctx.queryParams().get(f[0]);
            if (val != null) {
                args.add(OffsetDateTime.ofInstant(Instant.parse(val), ZoneOffset.UTC));
                where.append(" AND v.occurred_at ").append(f[1]).append(" $").append(args.size());
            }
        }
        String after = ctx.queryParams().get("after");
        if (after != null) {
            Cursor c = Cursor.parse(after);
            if (c == null) { // the contract knows a cursor's characters, not whether this API issued it
                Problem.send(ctx, 400, "Bad Request", "after: not a cursor this API issued");
                return;
            }
            args.add(c.time());
            args.add(c.id());
            where.append(" AND (v.occurred_at, v.id) ").append(oldest ? ">" : "<").append(" ($").append(args.size() - 1)
                    .append(", $").append(args.size()).append(")");
        }
        int limit = ApiContract.query(ctx, "limit") instanceof Number n ? n.intValue() : 50;
        args.add(limit + 1);
        String order = oldest ? " ORDER BY v.occurred_at, v.id" : " ORDER BY v.occurred_at DESC, v.id DESC";
        // The page is chosen from the cases alone and only its rows are joined: joined first, the registration lookup
        // ran for every queued case before the sort (review-queue p99 19.8 → 36 ms with 5,000 cases).
        String sql = "SELECT " + COLUMNS + " FROM (SELECT * FROM violation_case v WHERE " + where + order + " LIMIT $"
                + args.size() + ") v " + JOINS + order;
        pool.preparedQuery(sql).execute(Tuple.from(args)).compose(rows -> {
            JsonArray items = new JsonArray();
            Row last = null;
            int n = 0;
            for (Row r : rows) {
                if (++n > limit) break;
                items.add(caseJson(r));
                last = r;
            }
            JsonObject page = new JsonObject().put("items", items);
            if (rows.size() > limit && last != null) page.put("next", new Cursor(last.getOffsetDateTime("occurred_at"), last.getUUID("id")).encode());
            return AuditLog.record(pool, p, "case.list", "cases", items.size() + " cases, filter " + ctx.request().query()).map(page);
        }).onSuccess(ctx::json).onFailure(ctx::fail);
    }

    /** Position in the queue: the last case's time and id, opaque to clients. */
    record Cursor(OffsetDateTime time, UUID id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((time.toInstant() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String s) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(OffsetDateTime.ofInstant(Instant.parse(p[0]), ZoneOffset.UTC), UUID.fromString(p[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    // ---- one case ----

    private void detail(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        load(ctx, p, pool).compose(r -> r == null ? Future.succeededFuture() : pool.preparedQuery(
                        "SELECT seq, at, actor, role, action, reason FROM audit_log WHERE target = $1 ORDER BY seq")
                .execute(Tuple.of("case:" + r.getUUID("id"))).compose(trail -> {
                    JsonObject c = caseJson(r);
                    JsonArray history = new JsonArray();
                    for (Row a : trail) {
                        history.add(new JsonObject().put("seq", a.getLong(0)).put("at", a.getOffsetDateTime(1).toInstant().toString())
                                .put("actor", a.getString(2)).put("role", a.getString(3)).put("action", a.getString(4)).put("reason", a.getString(5)));
                    }
                    c.put("history", history);
                    c.put("allowed_next", new JsonArray(CaseStatus.valueOf(r.getString("status")).next().stream().map(Enum::name).toList()));
                    return AuditLog.record(pool, p, "case.viewed", "case:" + r.getUUID("id"), null).map(c);
                }).onSuccess(ctx::json)).onFailure(ctx::fail);
    }

    /**
     * The case when it exists and is in the principal's jurisdiction (data the contract cannot see); otherwise
     * answers 404 and yields null. The contract let only a UUID through as the id.
     */
    private Future<Row> load(RoutingContext ctx, Principal p, io.vertx.sqlclient.SqlClient db) {
        UUID id = UUID.fromString(ctx.pathParam("id"));
        return db.preparedQuery("SELECT " + COLUMNS + " FROM " + FROM + " WHERE v.id = $1")
                .execute(Tuple.of(id)).map(rows -> {
                    Row r = rows.size() == 0 ? null : rows.iterator().next();
                    if (r == null || !p.covers(r.getString("unit_code"))) {
                        Problem.send(ctx, 404, "Not Found", "no such case in your jurisdiction");
                        return null;
                    }
                    return r;
                });
    }

    private static JsonObject caseJson(Row r) {
        JsonObject o = new JsonObject().put("id", r.getUUID("id").toString()).put("violation_type", r.getString("violation_type"))
                .put("violation_vi", ViolationLabels.typeVi(r.getString("violation_type"))).put("detail", r.getString("detail"))
                .put("place", r.getString("place")).put("camera_id", r.getString("camera_id")).put("camera_name", r.getString("camera_name"))
                .put("unit_code", r.getString("unit_code")).put("occurred_at", r.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("vehicle_class", r.getString("vehicle_class")).put("signal_phase", r.getString("signal_phase"))
                .put("time_into_red_s", r.getDouble("time_into_red_s")).put("speed_kmh", r.getDouble("speed_kmh"))
                .put("indicative", r.getBoolean("indicative")).put("plate_read", r.getString("plate_read"))
                .put("plate_confidence", r.getDouble("plate_confidence")).put("plate_needs_check", r.getBoolean("plate_needs_check"))
                .put("plate_corrected", r.getString("plate_corrected"))
                .put("plate", r.getString("plate")).put("evidence_sha256", r.getString("evidence_sha256"))
                .put("scene_version", r.getString("scene_version")).put("status", r.getString("status"))
                .put("reject_reason", r.getString("reject_reason"));
        UUID merged = r.getUUID("merged_into");
        if (merged != null) o.put("merged_into", merged.toString());
        // The registry's vehicle beside the detected one: a plate registered to a car read on a motorbike (or the
        // other way round) is a likely misread or a cloned plate.
        String registered = r.getString("registered_class");
        o.put("registered", registered == null ? null : new JsonObject().put("vehicle_class", registered).put("vehicle_vi", vehicleVi(registered))
                .put("brand", r.getString("registered_brand")).put("colour", r.getString("registered_colour")));
        o.put("registered_mismatch", registered != null && r.getString("vehicle_class") != null
                && RegistrationCsv.twoWheeled(registered) != RegistrationCsv.twoWheeled(r.getString("vehicle_class")));
        return o;
    }

    // ---- lifecycle ----

    private void transition(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        // The contract checked the body: a known status, a reason of at most 500 characters, and one for a rejection.
        JsonObject body = ctx.body().asJsonObject();
        CaseStatus to = CaseStatus.valueOf(body.getString("to"));
        String reason = body.getString("reason") == null || body.getString("reason").isBlank() ? null : body.getString("reason").strip();
        // What may follow what is the lifecycle's rule, and depends on the case as stored: checked here.
        load(ctx, p, pool).onSuccess(r -> {
            if (r == null) return;
            CaseStatus from = CaseStatus.valueOf(r.getString("status"));
            if (!from.canMoveTo(to) || r.getUUID("merged_into") != null) {
                Problem.send(ctx, 409, "Conflict", r.getUUID("merged_into") != null ? "the case was merged into case " + r.getUUID("merged_into")
                        : "a " + from + " case cannot become " + to + "; allowed next: " + from.next());
                return;
            }
            if (to == CaseStatus.NOTICE_ISSUED && notice == null) {
                Problem.send(ctx, 503, "Service Unavailable", "notices are not configured on this server (config/notice.yaml)");
                return;
            }
            Future<byte[]> pdf = to == CaseStatus.NOTICE_ISSUED ? renderNotice(r) : Future.succeededFuture(null);
            // The move, its notice and its audit entry are one write of the schema's case_move (shared with the stream job).
            pdf.compose(bytes -> pool.preparedQuery("SELECT case_move($1, $2, $3, $4, $5, $6, $7)")
                            .execute(Tuple.of(r.getUUID("id"), from.name(), to.name(), reason, p.username(), p.role(),
                                    bytes == null ? null : Buffer.buffer(bytes))))
                    .onSuccess(x -> ctx.json(new JsonObject().put("id", r.getUUID("id").toString()).put("status", to.name())))
                    .onFailure(e -> failOrConflict(ctx, e));
        }).onFailure(ctx::fail);
    }

    /** The schema's case functions refuse a case that is no longer as the caller saw it with SQLSTATE MT409. */
    private static void failOrConflict(RoutingContext ctx, Throwable e) {
        if (e instanceof PgException pg && "MT409".equals(pg.getSqlState())) Problem.send(ctx, 409, "Conflict", pg.getErrorMessage());
        else ctx.fail(e);
    }

    private Future<byte[]> renderNotice(Row r) {
        String plate = r.getString("plate");
        // The owner printed is the one registered on the (Vietnamese) day of the violation, not today's.
        java.time.LocalDate day = r.getOffsetDateTime("occurred_at").atZoneSameInstant(VIETNAM).toLocalDate();
        return registry.owner(plate == null ? "" : plate, day).compose(owner -> vertx.executeBlocking(() -> {
            List<Path> stills = new ArrayList<>();
            String sha = r.getString("evidence_sha256");
            Optional<Path> pkg = sha == null ? Optional.empty() : evidence.verifiedPackage(sha);
            if (pkg.isPresent()) {
                for (String n : List.of("still-1-before.jpg", "still-2-violation.jpg", "still-3-after.jpg")) stills.add(pkg.get().resolve(n));
            }
            String display = r.getString("plate_corrected") != null ? r.getString("plate_corrected") : r.getString("plate_read");
            NoticePdf.Facts f = new NoticePdf.Facts(r.getUUID("id").toString().substring(0, 8).toUpperCase(),
                    display == null ? "—" : display, plate == null ? "" : plate, vehicleVi(r.getString("vehicle_class")),
                    DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").format(r.getOffsetDateTime("occurred_at").atZoneSameInstant(VIETNAM))
                            + " (giờ Việt Nam)",
                    (r.getString("camera_name") == null ? r.getString("camera_id") : r.getString("camera_name")),
                    ViolationLabels.typeVi(r.getString("violation_type")), r.getString("violation_type"), r.getString("detail"), sha);
            return NoticePdf.render(f, owner.orElse(null), stills, notice);
        }));
    }

    private static String vehicleVi(String cls) {
        return cls == null ? "—" : switch (cls) {
            case "car" -> "Ô tô";
            case "motorbike" -> "Xe mô tô, xe gắn máy";
            case "bus" -> "Ô tô khách";
            case "truck" -> "Ô tô tải";
            case "bicycle" -> "Xe đạp";
            default -> cls;
        };
    }

    private void correctPlate(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        // The contract checked the body: a plate of 6 to 10 letters and digits, and a reason that is not blank.
        JsonObject body = ctx.body().asJsonObject();
        String plate = body.getString("plate").strip();
        String reason = body.getString("reason").strip();
        load(ctx, p, pool).onSuccess(r -> {
            if (r == null) return;
            CaseStatus status = CaseStatus.valueOf(r.getString("status"));
            if (status != CaseStatus.DETECTED && status != CaseStatus.PENDING_REVIEW) {
                Problem.send(ctx, 409, "Conflict", "the plate can only be corrected before the case is decided (it is " + status + ")");
                return;
            }
            pool.preparedQuery("SELECT case_correct_plate($1, $2, $3, $4, $5)")
                    .execute(Tuple.of(r.getUUID("id"), plate, reason, p.username(), p.role()))
                    .onSuccess(x -> ctx.json(new JsonObject().put("id", r.getUUID("id").toString()).put("plate_read", r.getString("plate_read"))
                            .put("plate_corrected", plate)))
                    .onFailure(e -> failOrConflict(ctx, e));
        }).onFailure(ctx::fail);
    }

    // ---- documents ----

    private void noticePdf(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        load(ctx, p, pool).onSuccess(r -> {
            if (r == null) return;
            pool.preparedQuery("SELECT pdf FROM case_notice WHERE case_id = $1").execute(Tuple.of(r.getUUID("id")))
                    .compose(rows -> rows.size() == 0 ? Future.succeededFuture((Buffer) null)
                            : AuditLog.record(pool, p, "notice.downloaded", "case:" + r.getUUID("id"), null).map(rows.iterator().next().getBuffer(0)))
                    .onSuccess(pdf -> {
                        if (pdf == null) Problem.send(ctx, 404, "Not Found", "no notice has been issued for this case");
                        else ctx.response().putHeader("Content-Type", "application/pdf")
                                .putHeader("Content-Disposition", "inline; filename=\"thong-bao-" + r.getUUID("id") + ".pdf\"").end(pdf);
                    }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    /** Verifies the case's package now: signature, every file's hash, nothing added or missing. */
    private void evidenceCheck(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        load(ctx, p, pool).onSuccess(r -> {
            if (r == null) return;
            String sha = r.getString("evidence_sha256");
            if (sha == null) {
                noPackage(ctx, null);
                return;
            }
            vertx.executeBlocking(() -> evidence.check(sha)).onSuccess(c -> ctx.json(new JsonObject().put("sha256", sha)
                    .put("found", c.found()).put("intact", c.intact()).put("signed_by", c.signedBy())
                    .put("problems", new JsonArray(c.problems())))).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * A file whole, or the one byte range asked for ({@code Range: bytes=a-b}, {@code a-}, {@code -n}): a clip plays
     * and seeks in the review desk's video player without downloading all of it. Unsatisfiable ranges answer 416.
     */
    private static void sendRange(RoutingContext ctx, Path file) {
        HttpServerResponse res = ctx.response().putHeader("Accept-Ranges", "bytes");
        String header = ctx.request().getHeader("Range");
        long size = file.toFile().length();
        java.util.regex.Matcher m = header == null ? null : RANGE.matcher(header.trim());
        if (m == null || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            res.sendFile(file.toString());
            return;
        }
        long start, end;
        try {
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(m.group(2)));
                end = size - 1;
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
        } catch (NumberFormatException e) {
            start = size;
            end = -1;
        }
        if (start >= size || end < start) {
            res.putHeader("Content-Range", "bytes */" + size);
            Problem.send(ctx, 416, "Range Not Satisfiable", "the file has " + size + " bytes");
            return;
        }
        res.setStatusCode(206).putHeader("Content-Range", "bytes " + start + "-" + end + "/" + size)
                .sendFile(file.toString(), start, end - start + 1);
    }

    /** One file of the package; the contract lets through only the names a package holds (no path can escape it). */
    private void evidenceFile(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        String file = ctx.pathParam("file");
        load(ctx, p, pool).onSuccess(r -> {
            if (r == null) return;
            String sha = r.getString("evidence_sha256");
            vertx.executeBlocking(() -> sha == null ? Optional.<Path>empty() : evidence.verifiedPackage(sha)).onSuccess(pkg -> {
                if (pkg.isEmpty()) {
                    noPackage(ctx, sha);
                    return;
                }
                AuditLog.record(pool, p, "evidence.viewed", "case:" + r.getUUID("id"), file).onSuccess(x -> {
                    ctx.response().putHeader("Content-Type", file.endsWith(".mp4") ? "video/mp4" : file.endsWith(".json") ? "application/json" : "image/jpeg");
                    sendRange(ctx, pkg.get().resolve(file));
                }).onFailure(ctx::fail);
            }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    /**
     * The violation still, small, for the live wall: operators see the same scene in the camera's live frame, so the
     * contract gives it the roles of the snapshot; the case must be in the caller's units, and each view is audited.
     */
    private void thumbnail(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        load(ctx, p, pool).onSuccess(r -> {
            if (r == null) return;
            String sha = r.getString("evidence_sha256");
            vertx.executeBlocking(() -> {
                Optional<Path> pkg = sha == null ? Optional.<Path>empty() : evidence.verifiedPackage(sha);
                return pkg.isEmpty() ? null : Thumbnail.of(pkg.get().resolve("still-2-violation.jpg"));
            }).onSuccess(jpeg -> {
                if (jpeg == null) {
                    noPackage(ctx, sha);
                    return;
                }
                AuditLog.record(pool, p, "case.thumbnail.viewed", "case:" + r.getUUID("id"), null).onSuccess(x -> ctx.response()
                        .putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "private, max-age=3600")
                        .end(Buffer.buffer(jpeg))).onFailure(ctx::fail);
            }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    /** No file to give: the case has no package (404), or its package is gone or no longer verifies (409). */
    private static void noPackage(RoutingContext ctx, String sha) {
        if (sha == null) Problem.send(ctx, 404, "Not Found", "this case has no evidence package");
        else Problem.send(ctx, 409, "Conflict", "the evidence package is missing or does not verify");
    }

    private void auditCheck(RoutingContext ctx) {
        AuditLog.check(pool).onSuccess(r -> ctx.json(new JsonObject().put("entries", r[0]).put("intact", r[1] < 0)
                .put("first_broken_seq", r[1] < 0 ? null : r[1]))).onFailure(ctx::fail);
    }

    // ---- public ----

    private void publicLookup(RoutingContext ctx) {
        if (!publicLookups.allow(ctx.request().remoteAddress().host())) {
            Problem.send(ctx, 429, "Too Many Requests", "too many lookups from this address; wait a minute");
            return;
        }
        String plate = VehicleRegistry.normalise(ctx.queryParams().get("plate")); // 6 to 10 letters and digits: the contract's Plate
        pool.preparedQuery(PUBLIC_SQL + " ORDER BY v.occurred_at DESC LIMIT 50").execute(Tuple.of(plate))
                .compose(rows -> AuditLog.record(pool, new Principal("public", "PUBLIC", List.of()), "public.lookup", "plate:" + plate,
                        rows.size() + " results").map(rows))
                .onSuccess(rows -> ctx.json(publicJson(plate, rows))).onFailure(ctx::fail);
    }

    /** What the public may know of a plate's cases: decided ones only, no owner, no reviewer, no evidence hash. */
    private static final String PUBLIC_SQL = """
            SELECT v.occurred_at, v.violation_type, coalesce(c.name, v.camera_id), v.status, v.id, v.evidence_sha256 IS NOT NULL
              FROM violation_case v LEFT JOIN camera c ON c.id = v.camera_id
             WHERE v.plate = $1 AND v.status IN ('CONFIRMED', 'NOTICE_ISSUED') AND v.merged_into IS NULL""";

    private JsonObject publicJson(String plate, RowSet<Row> rows) {
        JsonArray items = new JsonArray();
        for (Row r : rows) {
            boolean notified = r.getString(3).equals("NOTICE_ISSUED");
            items.add(new JsonObject().put("id", r.getUUID(4).toString()).put("time", r.getOffsetDateTime(0).toInstant().toString())
                    .put("time_local", DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(r.getOffsetDateTime(0).atZoneSameInstant(VIETNAM)))
                    .put("violation_type", r.getString(1)).put("violation", ViolationLabels.typeVi(r.getString(1)))
                    .put("place", r.getString(2)).put("status_code", r.getString(3))
                    .put("status", notified ? "Đã gửi thông báo" : "Đã xác nhận vi phạm")
                    .put("scene", r.getBoolean(5) ? "/api/public/violations/" + r.getUUID(4) + "/scene.jpg?plate=" + plate : null));
        }
        JsonObject out = new JsonObject().put("plate", plate).put("violations", items);
        // Where and how to settle or contest a case: the wording the notices print (config/notice.yaml).
        if (notice != null) out.put("authority", notice.authority()).put("instructions", notice.instructions());
        return out;
    }

    /**
     * The violation scene for the public page ({@link PublicScene}: only the violating vehicle sharp). The plate must be
     * the case's: an id alone shows nothing. Rate-limited per address like the lookup (a page of results loads its
     * scenes, so the allowance is larger).
     */
    private void publicScene(RoutingContext ctx) {
        if (!publicScenes.allow(ctx.request().remoteAddress().host())) {
            Problem.send(ctx, 429, "Too Many Requests", "too many requests from this address; wait a minute");
            return;
        }
        String plate = VehicleRegistry.normalise(ctx.queryParams().get("plate"));
        UUID id = UUID.fromString(ctx.pathParam("id"));
        pool.preparedQuery(PUBLIC_SQL + " AND v.id = $2").execute(Tuple.of(plate, id)).onSuccess(rows -> {
            Row r = rows.size() == 0 ? null : rows.iterator().next();
            if (r == null || !r.getBoolean(5)) {
                Problem.send(ctx, 404, "Not Found", "no confirmed violation of this plate with a scene under this id");
                return;
            }
            pool.preparedQuery("SELECT evidence_sha256 FROM violation_case WHERE id = $1").execute(Tuple.of(id))
                    .compose(sha -> vertx.executeBlocking(() -> {
                        Optional<Path> pkg = evidence.verifiedPackage(sha.iterator().next().getString(0));
                        return pkg.isEmpty() ? null : PublicScene.of(pkg.get());
                    })).onSuccess(jpeg -> {
                        if (jpeg == null) Problem.send(ctx, 404, "Not Found", "the scene of this violation is not available");
                        else ctx.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "private, max-age=3600").end(Buffer.buffer(jpeg));
                    }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }
}
