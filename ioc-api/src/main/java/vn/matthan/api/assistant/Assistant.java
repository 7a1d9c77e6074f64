package vn.matthan.api.assistant;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.matthan.api.indicators.AdminUnit;
import vn.matthan.api.indicators.AdminUnits;
import vn.matthan.api.indicators.Indicator;
import vn.matthan.api.indicators.IndicatorBoards;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.api.indicators.IndicatorValue;
import vn.matthan.api.indicators.Level;
import vn.matthan.api.indicators.Period;
import vn.matthan.api.indicators.Scoreboard;
import vn.matthan.api.indicators.Status;
import vn.matthan.api.indicators.Thresholds;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The leaders' assistant: answers a Vietnamese question about an indicator of the catalog or a traffic figure with
 * the number the map shows (the same {@link IndicatorBoards} scoreboard), citing indicator, unit, period and source
 * and linking to the map view. A question it does not understand, or one about data that does not exist, gets a
 * plain "not understood" / "no data" answer and close questions — never a number.
 *
 * <p>Every answer carries {@code result}, one line a test can compare: {@code value <indicator> <unit> <period> <v>},
 * {@code ranking <indicator> <period> <codes>}, {@code count <indicator> <period> <n>}, {@code trend <indicator> <unit>
 * <period> <v> <previous period> <v|none>}, {@code compare <indicator> <period> <unit>=<v> <unit>=<v>}, {@code traffic
 * <what> <types|all> <period> <unit>=<n>…}, {@code no_data} or {@code not_understood}.
 */
public final class Assistant {
    static final String COMPUTED_SOURCE = "tính từ dữ liệu camera và hồ sơ vi phạm của IOC";
    private static final Map<String, String> TYPE_VI = Map.of("red_light", "vượt đèn đỏ", "lane", "đi sai làn", "wrong_way", "đi ngược chiều",
            "speeding", "quá tốc độ (tham khảo)");
    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    private final Pool pool;
    private final IndicatorCatalog catalog;
    private final IndicatorBoards boards;
    private final Supplier<Map<String, AdminUnits>> layouts;
    private final String homeCode;
    private final IndicatorNames names;
    private final TrafficFigures traffic;
    private Map<String, AdminUnits> parsedFor;
    private QuestionParser parser;

    public Assistant(Pool pool, IndicatorCatalog catalog, IndicatorBoards boards, Supplier<Map<String, AdminUnits>> layouts, String homeCode) {
        this.pool = pool;
        this.catalog = catalog;
        this.boards = boards;
        this.layouts = layouts;
        this.homeCode = homeCode;
        this.names = new IndicatorNames(catalog);
        this.traffic = new TrafficFigures(pool);
    }

    /** The parser over the units loaded (built again only when the layouts change). */
    private synchronized QuestionParser parser() {
        Map<String, AdminUnits> l = layouts.get();
        if (l != parsedFor) {
            UnitNames units = new UnitNames(l.values(), homeCode);
            AdminUnit home = units.unit(homeCode);
            if (home == null) throw new IllegalStateException("home unit " + homeCode + " is not loaded");
            parser = new QuestionParser(catalog, names, units, home);
            parsedFor = l;
        }
        return parser;
    }

    /** Example questions for the page, written from the catalog as loaded. */
    public List<String> examples() {
        return parser().examples();
    }

    public Future<JsonObject> ask(String text, LocalDate today) {
        Question q;
        try {
            q = parser().parse(text, today);
        } catch (IllegalStateException e) {
            return Future.succeededFuture(notUnderstood(text, "chưa nạp danh sách đơn vị hành chính", List.of()));
        }
        if (!q.understood()) return Future.succeededFuture(notUnderstood(text, q.problem(), q.suggestions()));
        Future<AskedPeriod> period = q.period() != null ? Future.succeededFuture(q.period()) : defaultPeriod(q, today);
        return period.<JsonObject>compose(p -> {
            if (p == null) return Future.succeededFuture(noData(text, q, null, "chưa có kỳ nào có số liệu của chỉ số này", null));
            String layoutName = Period.layoutInForceOn(p.from());
            AdminUnits units = layouts.get().get(layoutName);
            if (units == null) return Future.succeededFuture(noData(text, q, p, "chưa nạp địa giới hành chính của kỳ này", null));
            List<AdminUnit> asked = new ArrayList<>();
            for (AdminUnit u : q.units()) {
                AdminUnit here = units.find(u.code()).orElse(null);
                if (here == null) {
                    return Future.succeededFuture(noData(text, q, p, u.name() + " không có trong địa giới hành chính áp dụng cho "
                            + p.vi(), null));
                }
                asked.add(here);
            }
            AdminUnit home = units.find(homeCode).orElse(null);
            if (asked.isEmpty() && home == null) return Future.succeededFuture(noData(text, q, p, "chưa nạp đơn vị mặc định " + homeCode, null));
            if (q.intent() == Question.Intent.TRAFFIC) return trafficAnswer(text, q, p, units, asked.isEmpty() ? List.of(home) : asked);
            if (p.period() == null) {
                return Future.succeededFuture(notUnderstood(text, "chỉ số được báo cáo theo ngày, tháng, quý hoặc năm, không theo "
                        + p.vi(), List.of(parser().suggestion(q.indicator()))));
            }
            AdminUnit unit = asked.isEmpty() ? home : asked.get(0);
            return switch (q.intent()) {
                case VALUE -> value(text, q, p, units, unit);
                case TREND -> trend(text, q, p, units, unit);
                case COMPARE -> compare(text, q, p, units, asked);
                case RANKING, COUNT -> group(text, q, p, units, unit);
                default -> throw new IllegalStateException(q.intent().name());
            };
        }).map(Assistant::cite);
    }

    /** The answer's words end with where the figures came from and how the status was judged. */
    private static JsonObject cite(JsonObject a) {
        String src = a.getString("source");
        if (src == null) return a;
        String assumed = a.getBoolean("period_assumed", false) ? " Kỳ không được nêu: dùng " + a.getString("period_vi") + "." : "";
        String assumedEn = a.getBoolean("period_assumed", false) ? " No period was named: " + a.getString("period") + " is used." : "";
        return a.put("answer_vi", a.getString("answer_vi") + assumed + " Nguồn: " + src + ".")
                .put("answer_en", a.getString("answer_en") + assumedEn + " Source: " + src + ".");
    }

    // ---- periods ----

    /** The latest period with values for an imported indicator; this month for computed ones and traffic. */
    private Future<AskedPeriod> defaultPeriod(Question q, LocalDate today) {
        AskedPeriod thisMonth = AskedPeriod.of(YearMonth.from(today).toString());
        if (q.indicator() == null || q.indicator().source() == Indicator.Source.COMPUTED) return Future.succeededFuture(thisMonth);
        return periodsWithData(q.indicator()).map(list -> list.isEmpty() ? null : AskedPeriod.of(list.get(0)));
    }

    /** Periods holding values of the indicator, latest first. */
    private Future<List<Period>> periodsWithData(Indicator ind) {
        return pool.preparedQuery("SELECT period FROM indicator_value WHERE indicator_id = $1 GROUP BY period").execute(Tuple.of(ind.id()))
                .map(rows -> {
                    List<Period> out = new ArrayList<>();
                    for (Row r : rows) out.add(Period.parse(r.getString(0)));
                    out.sort(Comparator.comparing(Period::start).reversed().thenComparing(p -> p.days()));
                    return out;
                });
    }

    // ---- indicator answers ----

    private Future<JsonObject> value(String text, Question q, AskedPeriod p, AdminUnits units, AdminUnit unit) {
        Indicator ind = q.indicator();
        return boards.scoreboard(ind, units, p.period()).compose(board -> {
            Scoreboard.Score s = board.of(unit.code());
            if (s.value() == null) return noDataWithPeriods(text, q, p, ind.nameVi() + " của " + unit.name() + " " + p.vi() + " không có số liệu");
            return sources(ind, units, p, unit.code()).map(src -> {
                JsonObject a = base(text, "value", q, p, src).put("unit", unitJson(unit)).put("value", rounded(s.value()))
                        .put("figures", new JsonArray().add(scoreJson(ind, s)))
                        .put("map", mapLink(ind, p, mapParent(unit), unit.code()))
                        .put("result", "value " + ind.id() + " " + unit.code() + " " + p.key() + " " + plain(s.value()));
                String vi = ind.nameVi() + " của " + unit.name() + " " + p.vi() + ": " + fmt(s.value(), ind) + " — " + statusVi(ind, s)
                        + rankVi(s) + originVi(s) + ".";
                String en = ind.nameEn() + ", " + unit.name() + ", " + p.en() + ": " + fmtEn(s.value(), ind) + " — " + s.status().en
                        + targetEn(ind, s) + (s.rank() > 0 ? "; rank " + s.rank() + " of " + s.ranked() : "") + ".";
                return a.put("answer_vi", vi).put("answer_en", en);
            });
        });
    }

    private Future<JsonObject> trend(String text, Question q, AskedPeriod p, AdminUnits units, AdminUnit unit) {
        Indicator ind = q.indicator();
        AskedPeriod before = q.against() == Question.Against.YEAR_BEFORE ? p.yearBefore() : p.previous();
        AdminUnits beforeUnits = layouts.get().get(before.period().layoutInForce());
        Future<Scoreboard> now = boards.scoreboard(ind, units, p.period());
        Future<Scoreboard> then = beforeUnits == null || !beforeUnits.contains(unit.code()) ? Future.succeededFuture(null)
                : boards.scoreboard(ind, beforeUnits, before.period());
        return Future.all(now, then).compose(x -> {
            Scoreboard.Score s = now.result().of(unit.code());
            if (s.value() == null) return noDataWithPeriods(text, q, p, ind.nameVi() + " của " + unit.name() + " " + p.vi() + " không có số liệu");
            Scoreboard.Score b = then.result() == null ? null : then.result().of(unit.code());
            Double prev = b == null ? null : b.value();
            return sources(ind, units, p, unit.code()).map(src -> {
                JsonObject a = base(text, "trend", q, p, src).put("unit", unitJson(unit)).put("value", rounded(s.value()))
                        .put("previous", new JsonObject().put("period", before.key()).put("value", prev == null ? null : rounded(prev)))
                        .put("figures", new JsonArray().add(scoreJson(ind, s)))
                        .put("map", mapLink(ind, p, mapParent(unit), unit.code()))
                        .put("result", "trend " + ind.id() + " " + unit.code() + " " + p.key() + " " + plain(s.value()) + " " + before.key() + " "
                                + (prev == null ? "none" : plain(prev)));
                String vi = ind.nameVi() + " của " + unit.name() + " " + p.vi() + ": " + fmt(s.value(), ind) + " — " + statusVi(ind, s) + ". ";
                String en = ind.nameEn() + ", " + unit.name() + ", " + p.en() + ": " + fmtEn(s.value(), ind) + ". ";
                if (prev == null) {
                    vi += "Không có số liệu " + before.vi() + " để so sánh.";
                    en += "No data for " + before.en() + " to compare with.";
                } else {
                    double d = s.value() - prev;
                    boolean better = ind.higherIsBetter() ? d > 0 : d < 0;
                    vi += (d == 0 ? "Không đổi so với " : (d > 0 ? "Tăng " : "Giảm ") + fmtNumber(Math.abs(d)) + unitSuffix(ind) + " so với ")
                            + before.vi() + " (" + fmt(prev, ind) + ")" + (d == 0 ? "." : better ? ", chuyển biến tốt." : ", chuyển biến xấu.");
                    en += (d == 0 ? "Unchanged from " : (d > 0 ? "Up " : "Down ") + fmtEn(Math.abs(d), ind) + " from ") + before.en()
                            + " (" + fmtEn(prev, ind) + ").";
                }
                return a.put("answer_vi", vi).put("answer_en", en);
            });
        });
    }

    private Future<JsonObject> compare(String text, Question q, AskedPeriod p, AdminUnits units, List<AdminUnit> two) {
        Indicator ind = q.indicator();
        return boards.scoreboard(ind, units, p.period()).compose(board -> {
            Scoreboard.Score a = board.of(two.get(0).code()), b = board.of(two.get(1).code());
            if (a.value() == null && b.value() == null)
                return noDataWithPeriods(text, q, p, "cả " + two.get(0).name() + " và " + two.get(1).name() + " đều không có số liệu " + p.vi());
            return sources(ind, units, p, two.get(0).code(), two.get(1).code()).map(src -> {
                StringBuilder vi = new StringBuilder(ind.nameVi() + " " + p.vi() + ": ");
                StringBuilder en = new StringBuilder(ind.nameEn() + ", " + p.en() + ": ");
                JsonArray figures = new JsonArray();
                StringBuilder result = new StringBuilder("compare " + ind.id() + " " + p.key());
                for (Scoreboard.Score s : List.of(a, b)) {
                    figures.add(scoreJson(ind, s));
                    result.append(' ').append(s.unit().code()).append('=').append(s.value() == null ? "none" : plain(s.value()));
                    vi.append(s.unit().name()).append(" ").append(s.value() == null ? "không có số liệu" : fmt(s.value(), ind) + " (" + s.status().vi + ")").append("; ");
                    en.append(s.unit().name()).append(" ").append(s.value() == null ? "no data" : fmtEn(s.value(), ind) + " (" + s.status().en + ")").append("; ");
                }
                if (a.value() != null && b.value() != null && !a.value().equals(b.value())) {
                    Scoreboard.Score better = (a.value() > b.value()) == ind.higherIsBetter() ? a : b;
                    vi.append(better.unit().name()).append(" tốt hơn (").append(ind.higherIsBetter() ? "càng cao càng tốt" : "càng thấp càng tốt").append(").");
                    en.append(better.unit().name()).append(" does better.");
                }
                AdminUnit parent = two.get(0).parentCode() != null && two.get(0).parentCode().equals(two.get(1).parentCode())
                        ? units.find(two.get(0).parentCode()).orElse(null) : null;
                return base(text, "comparison", q, p, src).put("units", new JsonArray().add(unitJson(two.get(0))).add(unitJson(two.get(1))))
                        .put("figures", figures).put("map", mapLink(ind, p, parent == null ? mapParent(two.get(0)) : parent.code(), null))
                        .put("result", result.toString()).put("answer_vi", vi.toString().trim()).put("answer_en", en.toString().trim());
            });
        });
    }

    /** Rankings and counts over the units of a tier within a unit (its children when no tier is said). */
    private Future<JsonObject> group(String text, Question q, AskedPeriod p, AdminUnits units, AdminUnit scope) {
        Indicator ind = q.indicator();
        List<AdminUnit> members = q.level() == null || q.level().compareTo(scope.level()) <= 0 ? units.children(scope.code())
                : units.at(q.level(), scope.code());
        String tier = members.isEmpty() ? "đơn vị" : members.get(0).level() == Level.COMMUNE ? "xã" : members.get(0).level() == Level.DISTRICT ? "huyện" : "tỉnh";
        return boards.scoreboard(ind, units, p.period()).compose(board -> {
            List<Scoreboard.Score> scored = new ArrayList<>();
            for (AdminUnit m : members) {
                Scoreboard.Score s = board.of(m.code());
                if (s.value() != null) scored.add(s);
            }
            if (scored.isEmpty()) return noDataWithPeriods(text, q, p, "không có " + tier + " nào thuộc " + scope.name() + " có số liệu " + ind.nameVi() + " " + p.vi());
            String[] codes = scored.stream().map(s -> s.unit().code()).toArray(String[]::new);
            return sources(ind, units, p, codes).map(src -> {
                JsonObject a = base(text, q.intent() == Question.Intent.COUNT ? "count" : "ranking", q, p, src).put("unit", unitJson(scope))
                        .put("map", mapLink(ind, p, scope.code(), null));
                if (q.intent() == Question.Intent.COUNT) return count(a, q, p, ind, scope, tier, scored, members.size());
                return ranking(a, q, p, ind, scope, tier, scored);
            });
        });
    }

    private JsonObject ranking(JsonObject a, Question q, AskedPeriod p, Indicator ind, AdminUnit scope, String tier, List<Scoreboard.Score> scored) {
        boolean descending = switch (q.order()) {
            case HIGHEST -> true;
            case LOWEST -> false;
            case BEST -> ind.higherIsBetter();
            case WORST -> !ind.higherIsBetter();
        };
        Comparator<Scoreboard.Score> by = Comparator.comparingDouble(Scoreboard.Score::value);
        if (descending) by = by.reversed();
        scored.sort(by.thenComparing(s -> s.unit().name()));
        List<Scoreboard.Score> shown = scored.subList(0, Math.min(q.top(), scored.size()));
        JsonArray figures = new JsonArray();
        shown.forEach(s -> figures.add(scoreJson(ind, s)));
        String orderVi = switch (q.order()) {
            case HIGHEST -> "cao nhất";
            case LOWEST -> "thấp nhất";
            case BEST -> "tốt nhất";
            case WORST -> "kém nhất";
        };
        StringBuilder vi = new StringBuilder();
        vi.append(shown.size() == 1 ? "Đơn vị " : shown.size() + " đơn vị ").append(orderVi).append(" về ").append(lower(ind.nameVi()))
                .append(" trong các ").append(tier).append(" thuộc ").append(scope.name()).append(" ").append(p.vi())
                .append(" (").append(scored.size()).append(" đơn vị có số liệu): ");
        StringBuilder en = new StringBuilder(ind.nameEn() + ", " + p.en() + ", within " + scope.name() + " (" + q.order().name().toLowerCase(Locale.ROOT) + "): ");
        for (int n = 0; n < shown.size(); n++) {
            Scoreboard.Score s = shown.get(n);
            vi.append(n == 0 ? "" : "; ").append(s.unit().name()).append(" ").append(fmt(s.value(), ind)).append(" (").append(s.status().vi).append(")");
            en.append(n == 0 ? "" : "; ").append(s.unit().name()).append(" ").append(fmtEn(s.value(), ind));
        }
        return a.put("figures", figures).put("value", shown.size() == 1 ? rounded(shown.get(0).value()) : null)
                .put("result", "ranking " + ind.id() + " " + p.key() + " " + String.join(",", shown.stream().map(s -> s.unit().code()).toList()))
                .put("answer_vi", vi.append(".").toString()).put("answer_en", en.append(".").toString());
    }

    private JsonObject count(JsonObject a, Question q, AskedPeriod p, Indicator ind, AdminUnit scope, String tier, List<Scoreboard.Score> scored, int members) {
        List<Scoreboard.Score> hit = new ArrayList<>();
        for (Scoreboard.Score s : scored) {
            Thresholds t = ind.thresholdsAt(s.unit().level());
            boolean meets = t != null && (ind.higherIsBetter() ? s.value() >= t.target() : s.value() <= t.target());
            boolean in = switch (q.goal()) {
                case GREEN -> s.status() == Status.GREEN;
                case AMBER -> s.status() == Status.AMBER;
                case RED -> s.status() == Status.RED;
                case MEETS_TARGET -> t != null && meets;
                case MISSES_TARGET -> t != null && !meets;
            };
            if (in) hit.add(s);
        }
        String goalVi = switch (q.goal()) {
            case GREEN -> "đạt (mức xanh trên bản đồ)";
            case AMBER -> "ở mức cần cố gắng";
            case RED -> "chưa đạt (mức đỏ trên bản đồ)";
            case MEETS_TARGET -> "đạt mục tiêu";
            case MISSES_TARGET -> "chưa đạt mục tiêu";
        };
        JsonArray figures = new JsonArray();
        hit.forEach(s -> figures.add(scoreJson(ind, s)));
        String names = hit.isEmpty() ? "" : ": " + String.join(", ", hit.stream().map(s -> s.unit().name()).toList());
        String vi = hit.size() + "/" + scored.size() + " " + tier + " có số liệu thuộc " + scope.name() + " " + goalVi + " về " + lower(ind.nameVi())
                + " " + p.vi() + names + "." + (scored.size() < members ? " " + (members - scored.size()) + " " + tier + " không có số liệu." : "");
        String en = hit.size() + " of " + scored.size() + " units with data within " + scope.name() + " (" + q.goal().name().toLowerCase(Locale.ROOT)
                + "), " + ind.nameEn() + ", " + p.en() + ".";
        return a.put("figures", figures).put("value", hit.size()).put("result", "count " + ind.id() + " " + p.key() + " " + hit.size())
                .put("answer_vi", vi).put("answer_en", en);
    }

    // ---- traffic ----

    private Future<JsonObject> trafficAnswer(String text, Question q, AskedPeriod p, AdminUnits units, List<AdminUnit> asked) {
        Question.Traffic t = q.traffic();
        List<String> codes = asked.stream().map(AdminUnit::code).toList();
        Future<List<TrafficFigures.Figure>> now = traffic.figures(t.what(), t.types(), codes, units, p);
        AskedPeriod before = q.against() == null ? null : q.against() == Question.Against.YEAR_BEFORE ? p.yearBefore() : p.previous();
        Future<List<TrafficFigures.Figure>> then = before == null ? Future.succeededFuture(null) : traffic.figures(t.what(), t.types(), codes, units, before);
        return Future.all(now, then).map(x -> {
            List<TrafficFigures.Figure> figs = now.result();
            if (figs.stream().noneMatch(TrafficFigures.Figure::watched)) {
                return noData(text, q, p, "camera của " + String.join(", ", asked.stream().map(AdminUnit::name).toList())
                        + " không ghi nhận gì " + p.vi() + " (không có lượt xe, vi phạm hay ùn tắc nào được ghi)", null);
            }
            String what = t.what();
            String typesKey = t.types().isEmpty() ? "all" : String.join("+", t.types());
            StringBuilder result = new StringBuilder("traffic " + what + " " + typesKey + " " + p.key());
            StringBuilder vi = new StringBuilder(), en = new StringBuilder();
            JsonArray figures = new JsonArray();
            for (int n = 0; n < asked.size(); n++) {
                TrafficFigures.Figure f = figs.get(n);
                AdminUnit u = asked.get(n);
                if (!f.watched()) {
                    result.append(' ').append(u.code()).append("=none");
                    vi.append(u.name()).append(": không có số liệu camera ").append(p.vi()).append(". ");
                    en.append(u.name()).append(": no camera data. ");
                    figures.add(new JsonObject().put("unit_code", u.code()).put("unit_name", u.name()).put("value", (Object) null));
                    continue;
                }
                JsonObject fig = new JsonObject().put("unit_code", u.code()).put("unit_name", u.name());
                switch (what) {
                    case "violations" -> {
                        long total = f.total();
                        result.append(' ').append(u.code()).append('=').append(total);
                        fig.put("value", total).put("by_type", new JsonObject(new java.util.LinkedHashMap<>(f.byType())));
                        String kinds = t.types().isEmpty() ? "vi phạm giao thông" : "vi phạm " + String.join(", ", t.types().stream().map(TYPE_VI::get).toList());
                        vi.append(u.name()).append(" ").append(p.vi()).append(": ").append(fmtNumber(total)).append(" vụ ").append(kinds)
                                .append(" camera phát hiện");
                        if (t.types().isEmpty() && total > 0) {
                            vi.append(" (").append(String.join(", ", f.byType().entrySet().stream()
                                    .map(e -> TYPE_VI.getOrDefault(e.getKey(), e.getKey()) + " " + fmtNumber(e.getValue())).toList())).append(")");
                        }
                        vi.append(". ");
                        en.append(u.name()).append(", ").append(p.en()).append(": ").append(total).append(" violations detected. ");
                    }
                    case "congestion" -> {
                        long episodes = f.byType().getOrDefault("episodes", 0L), minutes = f.byType().getOrDefault("minutes", 0L);
                        result.append(' ').append(u.code()).append('=').append(episodes).append('/').append(minutes);
                        fig.put("value", minutes).put("episodes", episodes).put("minutes", minutes);
                        vi.append(u.name()).append(" ").append(p.vi()).append(": ").append(episodes).append(" lần ùn tắc tại nút giao có camera, tổng ")
                                .append(fmtNumber(minutes)).append(" phút. ");
                        en.append(u.name()).append(", ").append(p.en()).append(": ").append(episodes).append(" congestion episodes, ").append(minutes).append(" minutes. ");
                    }
                    default -> {
                        long passages = f.byType().getOrDefault("passages", 0L);
                        result.append(' ').append(u.code()).append('=').append(passages);
                        fig.put("value", passages);
                        vi.append(u.name()).append(" ").append(p.vi()).append(": ").append(fmtNumber(passages)).append(" lượt xe qua camera. ");
                        en.append(u.name()).append(", ").append(p.en()).append(": ").append(passages).append(" vehicles counted. ");
                    }
                }
                if (then.result() != null) {
                    TrafficFigures.Figure b = then.result().get(n);
                    long prev = what.equals("congestion") ? b.byType().getOrDefault("minutes", 0L) : b.total();
                    long cur = fig.getLong("value");
                    result.append(" prev=").append(b.watched() ? String.valueOf(prev) : "none");
                    fig.put("previous", new JsonObject().put("period", before.key()).put("value", b.watched() ? prev : null));
                    vi.append(b.watched() ? (cur == prev ? "Không đổi so với " : (cur > prev ? "Tăng " : "Giảm ") + fmtNumber(Math.abs(cur - prev)) + " so với ")
                            + before.vi() + " (" + fmtNumber(prev) + "). " : "Không có số liệu " + before.vi() + " để so sánh. ");
                }
                figures.add(fig);
            }
            AdminUnit first = asked.get(0);
            JsonObject a = base(text, "traffic", q, p, "phát hiện của camera (luồng sự kiện của IOC)")
                    .put("units", new JsonArray(asked.stream().map(Assistant::unitJson).toList())).put("figures", figures)
                    .put("value", asked.size() == 1 ? figures.getJsonObject(0).getValue("value") : null)
                    .put("traffic", new JsonObject().put("what", what).put("types", new JsonArray(t.types())))
                    .put("map", "/?unit=" + first.code())
                    .put("result", result.toString()).put("answer_vi", vi.toString().trim()).put("answer_en", en.toString().trim());
            return a;
        });
    }

    // ---- pieces of answers ----

    private JsonObject base(String text, String kind, Question q, AskedPeriod p, String source) {
        Indicator ind = q.indicator();
        return new JsonObject().put("question", text).put("kind", kind).put("understood", true)
                .put("indicator", ind == null ? null : new JsonObject().put("id", ind.id()).put("name_vi", ind.nameVi()).put("name_en", ind.nameEn())
                        .put("unit", ind.unit()).put("direction", ind.higherIsBetter() ? "higher" : "lower"))
                .put("period", p == null ? null : p.key()).put("period_vi", p == null ? null : p.vi())
                .put("period_assumed", !q.periodGiven()).put("source", source).put("catalog_version", catalog.version());
    }

    private JsonObject notUnderstood(String text, String why, List<String> suggestions) {
        return new JsonObject().put("question", text).put("kind", "not_understood").put("understood", false).put("result", "not_understood")
                .put("answer_vi", "Chưa hiểu câu hỏi: " + why + ". Hãy thử một trong các câu gợi ý.")
                .put("answer_en", "The question was not understood (" + why + "). Try one of the suggested questions.")
                .put("value", (Object) null).put("figures", new JsonArray()).put("suggestions", new JsonArray(suggestions))
                .put("catalog_version", catalog.version());
    }

    private JsonObject noData(String text, Question q, AskedPeriod p, String why, List<String> suggestions) {
        JsonObject a = base(text, "no_data", q, p, null).put("result", "no_data").put("value", (Object) null).put("figures", new JsonArray())
                .put("answer_vi", "Không có số liệu: " + why + ".").put("answer_en", "No data: " + why + ".")
                .put("suggestions", new JsonArray(suggestions == null ? List.of() : suggestions));
        if (q.units().size() == 1) a.put("unit", unitJson(q.units().get(0)));
        return a;
    }

    /** "No data", naming the periods that do have values of the indicator. */
    private Future<JsonObject> noDataWithPeriods(String text, Question q, AskedPeriod p, String why) {
        if (q.indicator().source() == Indicator.Source.COMPUTED) return Future.succeededFuture(noData(text, q, p, why, null));
        return periodsWithData(q.indicator()).map(list -> {
            List<String> other = list.stream().map(Period::text).filter(t -> !t.equals(p.key())).limit(3).toList();
            String more = other.isEmpty() ? "" : "; kỳ có số liệu: " + String.join(", ", other);
            List<String> suggestions = other.stream().map(t -> q.indicator().nameVi() + " " + AskedPeriod.of(t).vi() + " của "
                    + (q.units().isEmpty() ? "tỉnh" : q.units().get(0).name()) + "?").toList();
            return noData(text, q, p, why + more, suggestions);
        });
    }

    /** Where the values came from: the imports' own source names (the report, the file), or the computation. */
    private Future<String> sources(Indicator ind, AdminUnits units, AskedPeriod p, String... within) {
        if (ind.source() == Indicator.Source.COMPUTED) return Future.succeededFuture(COMPUTED_SOURCE);
        return pool.preparedQuery("SELECT unit_code, source FROM indicator_value WHERE indicator_id = $1 AND layout = $2 AND period = $3")
                .execute(Tuple.of(ind.id(), units.layout(), p.key())).map(rows -> {
                    Set<String> out = new TreeSet<>();
                    for (Row r : rows) {
                        for (String w : within) if (units.contains(r.getString(0)) && units.isWithin(r.getString(0), w)) out.add(r.getString(1));
                    }
                    return out.isEmpty() ? "số liệu nhập" : String.join("; ", out);
                });
    }

    private static JsonObject unitJson(AdminUnit u) {
        return new JsonObject().put("code", u.code()).put("name", u.name()).put("level", u.level().key());
    }

    private static JsonObject scoreJson(Indicator ind, Scoreboard.Score s) {
        Thresholds t = ind.thresholdsAt(s.unit().level());
        return new JsonObject().put("unit_code", s.unit().code()).put("unit_name", s.unit().name())
                .put("value", s.value() == null ? null : rounded(s.value())).put("status", s.status().name()).put("status_vi", s.status().vi)
                .put("target", t == null ? null : t.target()).put("rank", s.rank() == 0 ? null : s.rank())
                .put("ranked", s.ranked() == 0 ? null : s.ranked()).put("origin", s.origin().name().toLowerCase(Locale.ROOT));
    }

    /** The map view showing the unit among its siblings (a province: its own children, its panel open). */
    static String mapLink(Indicator ind, AskedPeriod p, String parent, String unit) {
        StringBuilder s = new StringBuilder("/map.html?indicator=").append(enc(ind.id())).append("&period=").append(enc(p.key()));
        if (parent != null) s.append("&parent=").append(enc(parent));
        if (unit != null) s.append("&unit=").append(enc(unit));
        return s.toString();
    }

    private static String mapParent(AdminUnit u) {
        return u.parentCode() == null ? u.code() : u.parentCode();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double rounded(double v) {
        return IndicatorValue.rounded(v);
    }

    /** The value as results print it: two decimals at most, no trailing zeros (70.94, 0.3, 12). */
    static String plain(double v) {
        return BigDecimal.valueOf(rounded(v)).stripTrailingZeros().toPlainString();
    }

    private static String fmtNumber(double v) {
        NumberFormat f = NumberFormat.getNumberInstance(VI);
        f.setMaximumFractionDigits(2);
        return f.format(v);
    }

    /** As the map prints it: percentages with two decimals ("70,94%"), other units after the number. */
    static String fmt(double v, Indicator ind) {
        NumberFormat f = NumberFormat.getNumberInstance(VI);
        f.setMaximumFractionDigits(2);
        if (ind.unit().equals("%")) f.setMinimumFractionDigits(2);
        return f.format(rounded(v)) + unitSuffix(ind);
    }

    private static String fmtEn(double v, Indicator ind) {
        return plain(v) + (ind.unit().equals("%") ? "%" : " " + ind.unit());
    }

    private static String unitSuffix(Indicator ind) {
        return ind.unit().equals("%") ? "%" : " " + ind.unit();
    }

    private static String statusVi(Indicator ind, Scoreboard.Score s) {
        Thresholds t = ind.thresholdsAt(s.unit().level());
        return s.status().symbol + " " + s.status().vi + (t == null ? "" : " (mục tiêu " + (ind.higherIsBetter() ? "≥ " : "≤ ")
                + fmtNumber(t.target()) + unitSuffix(ind) + ")");
    }

    private static String targetEn(Indicator ind, Scoreboard.Score s) {
        Thresholds t = ind.thresholdsAt(s.unit().level());
        return t == null ? "" : " (target " + (ind.higherIsBetter() ? ">= " : "<= ") + plain(t.target()) + ")";
    }

    private static String rankVi(Scoreboard.Score s) {
        return s.rank() == 0 ? "" : "; xếp hạng " + s.rank() + "/" + s.ranked() + " đơn vị cùng cấp";
    }

    private static String originVi(Scoreboard.Score s) {
        return s.origin() == Scoreboard.Origin.AGGREGATED ? "; tổng hợp từ " + s.childrenWithValue() + " đơn vị cấp dưới" : "";
    }

    private static String lower(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
