package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures of the stream job's violation counts (detections, not reviewed cases) over Vietnamese calendar days:
 * violations by vehicle class ({@code violation_class_day}) and deterrence — violations per camera per day before and
 * after the first notice issued for a case at that camera ({@code violation_day}, {@code case_notice}), the measure
 * Tiền Giang reported (about 1,000 red-light runs per camera per day before cold fines, under 300 after).
 *
 * <p>The deterrence rule: the first notice's day (Vietnam time) is marked and counted on neither side; "before" is
 * every day of the range before it, "after" every day of the range after it, a day without a row counting as zero;
 * each side's figure is its violations divided by its days, and the change is after / before − 1 in percent.
 */
final class ViolationFigureRoutes {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int MAX_DAYS = 366;

    private final Pool pool;

    ViolationFigureRoutes(Pool pool) {
        this.pool = pool;
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "violationsByClass", this::byClass);
        contract.mount(r, "deterrence", this::deterrence);
    }

    /** The range of Vietnamese days [from, to], both inclusive; default the 30 days to today. Null after answering 400. */
    private static LocalDate[] days(RoutingContext ctx, int defaultDays) {
        String f = ctx.queryParams().get("from"), t = ctx.queryParams().get("to");
        LocalDate from, to;
        try { // the contract checked the form; a day such as 2026-02-30 is left to here
            to = t == null ? LocalDate.now(VIETNAM) : LocalDate.parse(t);
            from = f == null ? to.minusDays(defaultDays - 1) : LocalDate.parse(f);
        } catch (java.time.format.DateTimeParseException e) {
            Problem.send(ctx, 400, "Bad Request", "'" + e.getParsedString() + "' is not a day of the calendar");
            return null;
        }
        if (from.isAfter(to)) {
            Problem.send(ctx, 400, "Bad Request", "'from' must not be after 'to'");
            return null;
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
            Problem.send(ctx, 400, "Bad Request", "range longer than " + MAX_DAYS + " days");
            return null;
        }
        return new LocalDate[]{from, to};
    }

    static OffsetDateTime midnight(LocalDate d) {
        return d.atStartOfDay(VIETNAM).toOffsetDateTime();
    }

    static LocalDate day(OffsetDateTime bucket) {
        return bucket.atZoneSameInstant(VIETNAM).toLocalDate();
    }

    static Double round1(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    // ---- by vehicle class ----

    private void byClass(RoutingContext ctx) {
        LocalDate[] range = days(ctx, 30);
        if (range == null) return;
        List<Object> args = new ArrayList<>(List.of(midnight(range[0]), midnight(range[1].plusDays(1))));
        StringBuilder where = new StringBuilder("bucket >= $1 AND bucket < $2");
        for (String[] f : new String[][]{{"camera", "camera_id"}, {"unit", "unit_code"}, {"type", "violation_type"}}) {
            String v = ctx.queryParams().get(f[0]);
            if (v != null) {
                args.add(v);
                where.append(" AND ").append(f[1]).append(" = $").append(args.size());
            }
        }
        pool.preparedQuery("SELECT bucket, vehicle_class, sum(violations)::bigint AS n FROM violation_class_day WHERE " + where
                + " GROUP BY 1, 2 ORDER BY 1, 2").execute(Tuple.from(args)).onSuccess(rows -> {
            Map<String, Long> totals = new HashMap<>();
            long total = 0;
            JsonArray daysOut = new JsonArray();
            for (Row r : rows) {
                long n = r.getLong("n");
                totals.merge(r.getString("vehicle_class"), n, Long::sum);
                total += n;
                daysOut.add(new JsonObject().put("day", day(r.getOffsetDateTime("bucket")).toString())
                        .put("vehicle_class", r.getString("vehicle_class")).put("violations", n));
            }
            JsonArray classes = new JsonArray();
            long all = total;
            totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> classes.add(new JsonObject().put("vehicle_class", e.getKey()).put("vehicle_vi", classVi(e.getKey()))
                            .put("violations", e.getValue()).put("share_percent", round1(100.0 * e.getValue() / all))));
            ctx.json(new JsonObject().put("from", range[0].toString()).put("to", range[1].toString()).put("total", total)
                    .put("classes", classes).put("days", daysOut));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    static String classVi(String cls) {
        return switch (cls) {
            case "motorbike" -> "Xe máy";
            case "car" -> "Ô tô";
            case "bus" -> "Xe khách";
            case "truck" -> "Xe tải";
            case "bicycle" -> "Xe đạp";
            case "unknown" -> "Chưa rõ";
            default -> cls;
        };
    }

    // ---- deterrence ----

    private void deterrence(RoutingContext ctx) {
        LocalDate[] range = days(ctx, 60);
        if (range == null) return;
        String type = ctx.queryParams().get("type") == null ? "red_light" : ctx.queryParams().get("type");
        String camera = ctx.queryParams().get("camera");
        String unit = ctx.queryParams().get("unit");
        Future<List<Row>> cameras = pool.preparedQuery("SELECT id, name, unit_code FROM camera WHERE ($1::text IS NULL OR id = $1) "
                + "AND ($2::text IS NULL OR unit_code = $2) ORDER BY id").execute(Tuple.of(camera, unit)).map(rs -> {
            List<Row> l = new ArrayList<>();
            rs.forEach(l::add);
            return l;
        });
        cameras.compose(cams -> {
            if (camera != null && cams.isEmpty()) {
                Problem.send(ctx, 404, "Not Found", "unknown camera '" + camera + "'");
                return Future.succeededFuture();
            }
            String[] ids = cams.stream().map(r -> r.getString("id")).toArray(String[]::new);
            Future<Map<String, OffsetDateTime>> firsts = pool.preparedQuery("""
                    SELECT v.camera_id, min(n.issued_at) FROM case_notice n JOIN violation_case v ON v.id = n.case_id
                     WHERE v.camera_id = ANY($1) GROUP BY 1""").execute(Tuple.of(ids)).map(rs -> {
                Map<String, OffsetDateTime> m = new HashMap<>();
                for (Row r : rs) m.put(r.getString(0), r.getOffsetDateTime(1));
                return m;
            });
            Future<Map<String, Map<LocalDate, Long>>> daily = pool.preparedQuery("""
                    SELECT camera_id, bucket, sum(violations)::bigint FROM violation_day
                     WHERE camera_id = ANY($1) AND violation_type = $2 AND bucket >= $3 AND bucket < $4 GROUP BY 1, 2""")
                    .execute(Tuple.of(ids, type, midnight(range[0]), midnight(range[1].plusDays(1)))).map(rs -> {
                        Map<String, Map<LocalDate, Long>> m = new HashMap<>();
                        for (Row r : rs) m.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(day(r.getOffsetDateTime(1)), r.getLong(2));
                        return m;
                    });
            return Future.all(firsts, daily).onSuccess(x -> ctx.json(deterrenceJson(range, type, cams, firsts.result(), daily.result())));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    static JsonObject deterrenceJson(LocalDate[] range, String type, List<Row> cams, Map<String, OffsetDateTime> firsts,
                                     Map<String, Map<LocalDate, Long>> daily) {
        JsonArray out = new JsonArray();
        long sumBefore = 0, daysBefore = 0, sumAfter = 0, daysAfter = 0;
        int compared = 0;
        for (Row c : cams) {
            String id = c.getString("id");
            Map<LocalDate, Long> counts = daily.getOrDefault(id, Map.of());
            OffsetDateTime first = firsts.get(id);
            LocalDate mark = first == null ? null : day(first);
            JsonArray series = new JsonArray();
            long b = 0, bd = 0, a = 0, ad = 0;
            for (LocalDate d = range[0]; !d.isAfter(range[1]); d = d.plusDays(1)) {
                long n = counts.getOrDefault(d, 0L);
                series.add(new JsonObject().put("day", d.toString()).put("violations", n));
                if (mark == null) continue;
                if (d.isBefore(mark)) {
                    b += n;
                    bd++;
                } else if (d.isAfter(mark)) {
                    a += n;
                    ad++;
                }
            }
            JsonObject cam = new JsonObject().put("camera_id", id).put("camera_name", c.getString("name")).put("unit_code", c.getString("unit_code"))
                    .put("first_notice_at", first == null ? null : first.toInstant().toString())
                    .put("first_notice_day", mark == null ? null : mark.toString()).put("days", series);
            cam.put("before", side(b, bd)).put("after", side(a, ad)).put("change_percent", change(b, bd, a, ad));
            if (bd > 0 && ad > 0 && b > 0) {
                sumBefore += b;
                daysBefore += bd;
                sumAfter += a;
                daysAfter += ad;
                compared++;
            }
            out.add(cam);
        }
        JsonObject summary = new JsonObject().put("cameras_compared", compared)
                .put("before_per_camera_day", daysBefore == 0 ? null : round1((double) sumBefore / daysBefore))
                .put("after_per_camera_day", daysAfter == 0 ? null : round1((double) sumAfter / daysAfter))
                .put("change_percent", change(sumBefore, daysBefore, sumAfter, daysAfter));
        return new JsonObject().put("from", range[0].toString()).put("to", range[1].toString()).put("violation_type", type)
                .put("rule", "first notice day marked and counted on neither side; days without violations count as zero")
                .put("summary", summary).put("cameras", out);
    }

    private static JsonObject side(long violations, long days) {
        return new JsonObject().put("days", days).put("violations", violations)
                .put("per_day", days == 0 ? null : round1((double) violations / days));
    }

    private static Double change(long before, long beforeDays, long after, long afterDays) {
        if (beforeDays == 0 || afterDays == 0 || before == 0) return null;
        return round1(100.0 * (((double) after / afterDays) / ((double) before / beforeDays) - 1));
    }
}
