package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The vehicle registry import ({@code POST /api/registrations}, {@code ./ioc import-registrations}): the registration
 * authority's CSV export becomes registration periods. Rows the file itself shows to be wrong are rejected by line
 * ({@link RegistrationCsv}); then, under one lock and in one transaction with its audit entry, each good row is
 * compared with the stored current versions of its plate:
 * <ul>
 *   <li>a period not stored yet is added;</li>
 *   <li>a period stored with the same start is updated when anything differs: the stored version is marked superseded
 *       and the new one added beside it (nothing is overwritten or deleted), unchanged otherwise;</li>
 *   <li>a stored period still open (no end) that began earlier is closed the day before the new one begins (the
 *       vehicle changed hands), again as a new version;</li>
 *   <li>any other overlap with a stored period rejects the row, naming the stored period.</li>
 * </ul>
 * All writes are set-based ({@code unnest} arrays): 10,000 rows take a few statements.
 */
final class RegistrationRoutes {
    static final int IMPORT_LIMIT = 16 * 1024 * 1024;
    /** Advisory lock serialising imports (7412 is the audit chain's). */
    static final long LOCK = 7413;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Pool pool;

    RegistrationRoutes(Pool pool) {
        this.pool = pool;
    }

    /** The import's own body handler, mounted ahead of the API's general one (an export is megabytes). */
    void mountImport(Router r) {
        r.post("/api/registrations").handler(BodyHandler.create().setBodyLimit(IMPORT_LIMIT));
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "importRegistrations", this::importFile);
    }

    private record Stored(long id, String plate, String ownerName, String ownerAddress, String vehicleClass, String colour,
                          String brand, LocalDate validFrom, LocalDate validTo) {
        boolean sameAs(RegistrationCsv.Registration g) {
            return ownerName.equals(g.ownerName()) && ownerAddress.equals(g.ownerAddress()) && Objects.equals(vehicleClass, g.vehicleClass())
                    && Objects.equals(colour, g.colour()) && Objects.equals(brand, g.brand()) && Objects.equals(validTo, g.validTo());
        }

        String period() {
            return RegistrationCsv.period(validFrom, validTo);
        }
    }

    /** What an import did. */
    record Outcome(int added, int updated, int unchanged, int closed, List<RegistrationCsv.Rejected> rejected, long auditSeq) {
        int accepted() {
            return added + updated + unchanged;
        }
    }

    private void importFile(RoutingContext ctx) {
        Principal who = ApiContract.caller(ctx);
        String source = ctx.queryParams().get("source");
        String src = "api:" + who.username() + (source == null ? "" : ":" + source.replaceAll("[^\\p{L}\\p{N}._ -]", "").trim());
        RegistrationCsv.Report report;
        try {
            report = RegistrationCsv.read(ctx.body().asString("UTF-8"), LocalDate.now(VIETNAM));
        } catch (IllegalArgumentException e) { // the file as a whole: header, CSV syntax
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        if (report.accepted().isEmpty()) {
            unprocessable(ctx, nothingTaken(ctx.request().path(), json(report.rejected())));
            return;
        }
        pool.withTransaction(tx -> write(tx, who, src, report)).onSuccess(o -> {
            if (o.accepted() == 0) {
                unprocessable(ctx, nothingTaken(ctx.request().path(), json(o.rejected())));
                return;
            }
            ctx.json(new JsonObject().put("accepted", o.accepted()).put("added", o.added()).put("updated", o.updated())
                    .put("unchanged", o.unchanged()).put("closed", o.closed()).put("rejected", json(o.rejected()))
                    .put("audit_seq", o.auditSeq()));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    /** 422 problem+json: no row could be taken; the body lists every rejected line. */
    private static void unprocessable(RoutingContext ctx, JsonObject problem) {
        ctx.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json").end(problem.encode());
    }

    private static JsonObject nothingTaken(String path, JsonArray rejected) {
        return new JsonObject().put("type", "about:blank").put("title", "Unprocessable Content").put("status", 422)
                .put("detail", "no row could be imported").put("instance", path).put("accepted", 0).put("rejected", rejected);
    }

    private static JsonArray json(List<RegistrationCsv.Rejected> rejected) {
        JsonArray out = new JsonArray();
        for (RegistrationCsv.Rejected r : rejected) out.add(new JsonObject().put("line", r.line()).put("reason", r.reason()));
        return out;
    }

    /** Compares with the stored registry and writes, inside the caller's transaction. */
    static Future<Outcome> write(SqlConnection tx, Principal who, String source, RegistrationCsv.Report report) {
        Set<String> plates = new LinkedHashSet<>();
        for (RegistrationCsv.Registration g : report.accepted()) plates.add(g.plate());
        return tx.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute()
                .compose(x -> tx.preparedQuery("""
                                SELECT id, plate, owner_name, owner_address, vehicle_class, colour, brand, valid_from, valid_to
                                  FROM vehicle_registration WHERE superseded_at IS NULL AND plate = ANY($1)""")
                        .execute(Tuple.of(plates.toArray(new String[0]))))
                .compose(rows -> {
                    Map<String, List<Stored>> stored = new HashMap<>();
                    for (Row r : rows) {
                        stored.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Stored(r.getLong(0), r.getString(1),
                                r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getLocalDate(7), r.getLocalDate(8)));
                    }
                    return apply(tx, who, source, report, stored);
                });
    }

    private static Future<Outcome> apply(SqlConnection tx, Principal who, String source, RegistrationCsv.Report report,
                                         Map<String, List<Stored>> stored) {
        // Periods the file restates (same plate and start): their overlaps were checked within the file.
        Set<String> restated = new HashSet<>();
        for (RegistrationCsv.Registration g : report.accepted()) restated.add(g.plate() + "|" + g.validFrom());
        List<RegistrationCsv.Rejected> rejected = new ArrayList<>(report.rejected());
        List<RegistrationCsv.Registration> inserts = new ArrayList<>();
        List<Long> superseded = new ArrayList<>();
        Map<Long, LocalDate> closeAt = new HashMap<>();
        int added = 0, updated = 0, unchanged = 0;
        for (RegistrationCsv.Registration g : report.accepted()) {
            List<Stored> mine = stored.getOrDefault(g.plate(), List.of());
            Stored same = null;
            String conflict = null;
            Map<Long, LocalDate> closes = new HashMap<>();
            for (Stored s : mine) {
                if (s.validFrom().equals(g.validFrom())) {
                    same = s;
                } else if (!restated.contains(s.plate() + "|" + s.validFrom()) && g.overlaps(s.validFrom(), s.validTo())) {
                    if (s.validTo() == null && s.validFrom().isBefore(g.validFrom())) {
                        closes.put(s.id(), g.validFrom().minusDays(1));
                    } else {
                        conflict = "the period " + g.period() + " of plate " + g.plate() + " overlaps the stored registration "
                                + s.period() + " (" + s.ownerName() + "); send that period too if it changed";
                        break;
                    }
                }
            }
            if (conflict != null) {
                rejected.add(new RegistrationCsv.Rejected(g.line(), conflict));
                continue;
            }
            closes.forEach((id, day) -> closeAt.merge(id, day, (a, b) -> a.isBefore(b) ? a : b));
            if (same == null) {
                inserts.add(g);
                added++;
            } else if (same.sameAs(g)) {
                unchanged++;
            } else {
                superseded.add(same.id());
                inserts.add(g);
                updated++;
            }
        }
        rejected.sort(Comparator.comparingLong(RegistrationCsv.Rejected::line));
        superseded.addAll(closeAt.keySet());
        int a = added, u = updated, n = unchanged, c = closeAt.size();
        if (a + u + n == 0) return Future.succeededFuture(new Outcome(0, 0, 0, 0, rejected, 0));
        String reason = source + ": " + (a + u + n) + " rows taken: " + a + " new, " + u + " updated, " + n + " unchanged, " + c
                + " closed by a later registration" + (rejected.isEmpty() ? "" : "; " + rejected.size() + " rows rejected");
        return tx.preparedQuery("SELECT audit_append($1, $2, $3, $4, $5)")
                .execute(Tuple.of(who.username(), who.role(), "registry.import", "vehicle_registration", reason))
                .compose(rows -> {
                    long seq = rows.iterator().next().getLong(0);
                    Long[] ids = superseded.toArray(new Long[0]);
                    Long[] closeIds = closeAt.keySet().toArray(new Long[0]);
                    LocalDate[] closeDays = new LocalDate[closeIds.length];
                    for (int i = 0; i < closeIds.length; i++) closeDays[i] = closeAt.get(closeIds[i]);
                    Future<?> done = ids.length == 0 ? Future.succeededFuture() : tx.preparedQuery(
                                    "UPDATE vehicle_registration SET superseded_at = now(), superseded_seq = $2 WHERE id = ANY($1)")
                            .execute(Tuple.of(ids, seq))
                            .compose(x -> closeIds.length == 0 ? Future.succeededFuture() : tx.preparedQuery("""
                                    INSERT INTO vehicle_registration (plate, owner_name, owner_address, vehicle_class, colour, brand,
                                                                      valid_from, valid_to, recorded_seq)
                                    SELECT v.plate, v.owner_name, v.owner_address, v.vehicle_class, v.colour, v.brand, v.valid_from, c.day, $3
                                      FROM vehicle_registration v JOIN unnest($1::bigint[], $2::date[]) AS c(id, day) ON v.id = c.id""")
                                    .execute(Tuple.of(closeIds, closeDays, seq)));
                    return done.compose(x -> insert(tx, inserts, seq)).map(x -> new Outcome(a, u, n, c, rejected, seq));
                });
    }

    private static Future<?> insert(SqlConnection tx, List<RegistrationCsv.Registration> rows, long seq) {
        if (rows.isEmpty()) return Future.succeededFuture();
        int n = rows.size();
        String[] plate = new String[n], name = new String[n], address = new String[n], cls = new String[n], colour = new String[n], brand = new String[n];
        LocalDate[] from = new LocalDate[n], to = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            RegistrationCsv.Registration g = rows.get(i);
            plate[i] = g.plate();
            name[i] = g.ownerName();
            address[i] = g.ownerAddress();
            cls[i] = g.vehicleClass();
            colour[i] = g.colour();
            brand[i] = g.brand();
            from[i] = g.validFrom();
            to[i] = g.validTo();
        }
        return tx.preparedQuery("""
                        INSERT INTO vehicle_registration (plate, owner_name, owner_address, vehicle_class, colour, brand, valid_from, valid_to, recorded_seq)
                        SELECT p, o, a, c, co, b, f, t, $9
                          FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[])
                               AS u(p, o, a, c, co, b, f, t)""")
                .execute(Tuple.of(plate, name, address, cls, colour, brand, from, to).addLong(seq));
    }
}
