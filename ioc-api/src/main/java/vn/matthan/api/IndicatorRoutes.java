package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.api.indicators.AdminUnit;
import vn.matthan.api.indicators.AdminUnits;
import vn.matthan.api.indicators.CatalogChange;
import vn.matthan.api.indicators.Goal;
import vn.matthan.api.indicators.Target;
import vn.matthan.api.indicators.UnitsReaching;
import vn.matthan.api.indicators.ComputedIndicators;
import vn.matthan.api.indicators.IndicatorBoards;
import vn.matthan.api.indicators.Indicator;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.api.indicators.IndicatorCsv;
import vn.matthan.api.indicators.IndicatorRepository;
import vn.matthan.api.indicators.IndicatorValue;
import vn.matthan.api.indicators.Level;
import vn.matthan.api.indicators.Period;
import vn.matthan.api.indicators.Scoreboard;
import vn.matthan.api.indicators.Thresholds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leaders' map: administrative units, the indicator catalog, the map (GeoJSON, a status per unit), a unit's
 * scorecard and trend, and the authorised CSV import of indicator values. Who may read and import is in the
 * contract's x-roles; here leaders import only for the units of their jurisdiction (admins for every unit).
 */
final class IndicatorRoutes {
    private static final Logger log = LoggerFactory.getLogger(IndicatorRoutes.class);
    static final int IMPORT_LIMIT = 5 * 1024 * 1024;
    private static final int TREND_PERIODS = 12;

    private final Pool pool;
    private final IndicatorCatalog catalog;
    private final String homeUnit;
    private final IndicatorRepository repository;
    private final IndicatorBoards boards;
    private Map<String, AdminUnits> layouts = Map.of();
    private Map<String, String> outlines = Map.of();
    /**
     * Built map answers (a district map is a few hundred kB of outlines): reused until an import changes the values,
     * at most a minute for imported indicators (another node may have imported) and a few seconds for computed ones.
     * Touched only on the event loop.
     */
    private final Map<String, Cached> answers = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> e) {
            return size() > 256;
        }
    };
    private long valuesVersion;
    static final long IMPORTED_TTL_MS = 60_000, COMPUTED_TTL_MS = 5_000;

    private record Cached(Buffer body, long version, long expiresAt) {
    }

    IndicatorRoutes(Pool pool, IndicatorCatalog catalog, String homeUnit) {
        this.pool = pool;
        this.catalog = catalog;
        this.homeUnit = homeUnit;
        this.boards = new IndicatorBoards(pool);
        this.repository = boards.repository();
    }

    /** Reads the unit hierarchies and outlines once (they change only with a new administrative layer). */
    Future<Void> load() {
        return repository.hierarchies().compose(h -> repository.outlines().map(o -> {
            layouts = h;
            outlines = o;
            log.info("leaders' map: {} layouts, {} units, {} outlines, catalog {}", h.size(),
                    h.values().stream().mapToInt(u -> u.all().size()).sum(), o.size(), catalog.version());
            return null;
        }));
    }

    /** Every layout's unit hierarchy, as loaded at start. */
    Map<String, AdminUnits> layouts() {
        return layouts;
    }

    /** The import's own body handler, mounted ahead of the API's general one. */
    void mountImport(Router r) {
        r.post("/api/indicator-values").handler(BodyHandler.create().setBodyLimit(IMPORT_LIMIT));
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "importIndicatorValues", this::importValues);
        contract.mount(r, "listUnits", this::units);
        contract.mount(r, "unitScorecard", this::scorecard);
        contract.mount(r, "listIndicators", this::indicators);
        contract.mount(r, "indicatorTrend", this::trend);
        contract.mount(r, "indicatorMap", this::map);
        contract.mount(r, "unitGoals", this::goals);
    }

    // ---- units and catalog ----

    private void units(RoutingContext ctx) {
        AdminUnits units = layout(ctx, ctx.queryParams().get("layout"), null);
        if (units == null) return;
        Scope scope = scope(ctx, units);
        if (scope == null) return;
        JsonArray out = new JsonArray();
        for (AdminUnit u : scope.listed()) out.add(unitJson(units, u));
        ctx.json(new JsonObject().put("layout", units.layout()).put("units", out));
    }

    private JsonObject unitJson(AdminUnits units, AdminUnit u) {
        return new JsonObject().put("code", u.code()).put("name", u.name()).put("name_short", u.nameShort()).put("level", u.level().key())
                .put("parent_code", u.parentCode()).put("children", units.children(u.code()).size())
                .put("has_outline", outlines.containsKey(units.layout() + "/" + u.code()));
    }

    private void indicators(RoutingContext ctx) {
        pool.query("SELECT indicator_id, period, count(*) FROM indicator_value GROUP BY 1, 2 ORDER BY 1, 2 DESC").execute().onSuccess(rows -> {
            Map<String, JsonArray> periods = new TreeMap<>();
            for (Row r : rows) periods.computeIfAbsent(r.getString(0), k -> new JsonArray()).add(r.getString(1));
            JsonArray list = new JsonArray();
            for (Indicator i : catalog.all()) list.add(indicatorJson(i).put("periods", periods.getOrDefault(i.id(), new JsonArray())));
            JsonArray targets = new JsonArray();
            for (Target t : catalog.targets()) targets.add(targetJson(t));
            JsonArray goals = new JsonArray();
            for (Goal g : catalog.goals()) {
                goals.add(new JsonObject().put("id", g.id()).put("name_vi", g.nameVi()).put("name_en", g.nameEn()).put("indicator", g.indicator())
                        .put("level", g.level().key()).put("required_count", g.requiredCount()).put("required_share", g.requiredShare()).put("note", g.note()));
            }
            ctx.json(new JsonObject().put("catalog_version", catalog.version()).put("home_unit", homeUnit).put("indicators", list)
                    .put("targets", targets).put("goals", goals).put("changelog", changelogJson()));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    /**
     * An indicator as the catalog defines it. Fields are only ever added (other readers of the catalog rely on them):
     * {@code measures}, {@code definition}, {@code source_table}, each tier's {@code strict} and {@code cites}, the
     * documents' {@code targets} on the same measure, and {@code changed_in}, the last catalog version that changed it.
     */
    private JsonObject indicatorJson(Indicator i) {
        JsonObject th = new JsonObject();
        for (Level l : Level.values()) {
            Thresholds t = i.thresholdsAt(l);
            if (t != null) th.put(l.key(), new JsonObject().put("target", t.target()).put("green", t.green()).put("red", t.red())
                    .put("strict", t.strict()).put("cites", t.cites()));
        }
        JsonArray targets = new JsonArray();
        for (Target t : catalog.targets()) if (t.measures().equals(i.measures())) targets.add(targetJson(t));
        CatalogChange changed = catalog.lastChange(i.id()).orElse(null);
        return new JsonObject().put("id", i.id()).put("name_vi", i.nameVi()).put("name_en", i.nameEn()).put("unit", i.unit())
                .put("direction", i.higherIsBetter() ? "higher" : "lower").put("aggregation", i.aggregation().name().toLowerCase())
                .put("source", i.source().name().toLowerCase()).put("note", i.note()).put("thresholds", th)
                .put("measures", i.measures()).put("definition", i.definition()).put("source_table", i.sourceTable())
                .put("targets", targets)
                .put("changed_in", changed == null ? null : new JsonObject().put("version", changed.version()).put("date", changed.date()));
    }

    private static JsonObject targetJson(Target t) {
        JsonObject levels = new JsonObject();
        t.levels().forEach((l, v) -> levels.put(l.key(), v));
        return new JsonObject().put("id", t.id()).put("document", t.document()).put("wording_vi", t.wordingVi())
                .put("wording_confirmed", t.wordingConfirmed()).put("measures", t.measures()).put("applies_from", t.appliesFrom())
                .put("comparison", t.comparison()).put("levels", levels).put("note", t.note());
    }

    private JsonArray changelogJson() {
        JsonArray out = new JsonArray();
        for (CatalogChange c : catalog.changelog()) {
            out.add(new JsonObject().put("version", c.version()).put("date", c.date()).put("summary_vi", c.summaryVi())
                    .put("summary_en", c.summaryEn()).put("indicators", new JsonArray(c.indicators())));
        }
        return out;
    }

    // ---- the map ----

    private void map(RoutingContext ctx) {
        Query q = query(ctx);
        if (q == null) return;
        Scope scope = scope(ctx, q.units);
        if (scope == null) return;
        String parent = scope.parent();
        Level level = scope.level();
        List<AdminUnit> shown = scope.listed();
        // A unit whose subordinate units this layout does not list (the 2025 communes are not shipped) is shown itself.
        boolean childrenUnknown = parent != null && level == null && shown.isEmpty();
        if (childrenUnknown) shown = List.of(q.units.find(parent).orElseThrow());
        List<AdminUnit> features = shown;
        String key = q.indicator.id() + '|' + q.period.text() + '|' + q.units.layout() + '|' + parent + '|' + level;
        Cached hit = answers.get(key);
        long now = System.currentTimeMillis();
        if (hit != null && hit.version == valuesVersion && hit.expiresAt > now) {
            sendGeoJson(ctx, hit.body);
            return;
        }
        long version = valuesVersion;
        scoreboard(q.indicator, q.units, q.period).onSuccess(board -> {
            StringBuilder out = new StringBuilder();
            for (AdminUnit u : features) {
                if (!out.isEmpty()) out.append(',');
                String geometry = outlines.getOrDefault(q.units.layout() + "/" + u.code(), "null");
                out.append("{\"type\":\"Feature\",\"id\":\"").append(u.code()).append("\",\"geometry\":").append(geometry)
                        .append(",\"properties\":").append(scoreJson(q.indicator, q.units, board.of(u.code())).encode()).append('}');
            }
            AdminUnit p = parent == null ? null : q.units.find(parent).orElseThrow();
            Level shownLevel = features.isEmpty() ? level : features.get(0).level();
            UnitsReaching reaching = childrenUnknown || shownLevel == null ? null : UnitsReaching.count(board, q.units, parent, shownLevel, null);
            JsonObject head = new JsonObject().put("indicator", indicatorJson(q.indicator)).put("period", q.period.text())
                    .put("layout", q.units.layout()).put("catalog_version", catalog.version()).put("children_unknown", childrenUnknown)
                    .put("level", shownLevel == null ? null : shownLevel.key())
                    .put("reaching", reaching == null ? null : new JsonObject().put("level", reaching.level().key()).put("units", reaching.units())
                            .put("with_data", reaching.withData()).put("reached", reaching.reached()))
                    .put("changelog", changelogJson())
                    .put("parent", p == null ? null : unitJson(q.units, p).put("path", path(q.units, p.code()))
                            .put("score", scoreJson(q.indicator, q.units, board.of(p.code()))));
            String h = head.encode();
            Buffer body = Buffer.buffer("{\"type\":\"FeatureCollection\"," + h.substring(1, h.length() - 1) + ",\"features\":[" + out + "]}");
            long ttl = q.indicator.source() == Indicator.Source.COMPUTED ? COMPUTED_TTL_MS : IMPORTED_TTL_MS;
            answers.put(key, new Cached(body, version, now + ttl));
            sendGeoJson(ctx, body);
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private static void sendGeoJson(RoutingContext ctx, Buffer body) {
        ctx.response().putHeader("Content-Type", "application/geo+json; charset=utf-8").end(body);
    }

    private static JsonArray path(AdminUnits units, String code) {
        JsonArray out = new JsonArray();
        for (AdminUnit a : units.path(code)) out.add(new JsonObject().put("code", a.code()).put("name", a.name()));
        return out;
    }

    private JsonObject scoreJson(Indicator ind, AdminUnits units, Scoreboard.Score s) {
        Thresholds t = ind.thresholdsAt(s.unit().level());
        return unitJson(units, s.unit()).put("value", s.value() == null ? null : IndicatorValue.rounded(s.value()))
                .put("numerator", s.numerator()).put("denominator", s.denominator())
                .put("status", s.status().name()).put("status_vi", s.status().vi).put("status_en", s.status().en).put("symbol", s.status().symbol)
                .put("origin", s.origin().name().toLowerCase()).put("children_with_value", s.childrenWithValue())
                .put("target", t == null ? null : t.target()).put("green", t == null ? null : t.green()).put("red", t == null ? null : t.red())
                .put("strict", t != null && t.strict()).put("cites", t == null ? null : t.cites())
                .put("reaches_target", t == null || s.value() == null ? null : t.reaches(s.value(), ind.higherIsBetter()))
                .put("rank", s.rank() == 0 ? null : s.rank()).put("ranked", s.ranked() == 0 ? null : s.ranked());
    }

    /** Every unit's score for one indicator and period (reported values, or computed from the cameras). */
    private Future<Scoreboard> scoreboard(Indicator ind, AdminUnits units, Period period) {
        return boards.scoreboard(ind, units, period);
    }

    // ---- a unit's scorecard and trend ----

    private void scorecard(RoutingContext ctx) {
        Period period = period(ctx);
        if (period == null) return;
        AdminUnits units = layout(ctx, ctx.queryParams().get("layout"), period);
        if (units == null) return;
        String code = ctx.pathParam("code");
        AdminUnit unit = units.find(code).orElse(null);
        if (unit == null) {
            Problem.send(ctx, 404, "Not Found", "no unit " + code + " in layout " + units.layout());
            return;
        }
        List<Indicator> all = new ArrayList<>(catalog.all());
        List<Future<Scoreboard>> boards = new ArrayList<>();
        for (Indicator i : all) boards.add(scoreboard(i, units, period));
        Future.all(boards).onSuccess(x -> {
            JsonArray list = new JsonArray();
            for (int n = 0; n < all.size(); n++) {
                Scoreboard b = boards.get(n).result();
                long childValues = units.children(code).stream().filter(c -> b.of(c.code()).value() != null).count();
                list.add(scoreJson(all.get(n), units, b.of(code)).put("indicator", all.get(n).id())
                        .put("name_vi", all.get(n).nameVi()).put("name_en", all.get(n).nameEn()).put("unit", all.get(n).unit())
                        .put("children_with_value", childValues));
            }
            ctx.json(unitJson(units, unit).put("layout", units.layout()).put("period", period.text()).put("path", path(units, code))
                    .put("indicators", list));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    /**
     * The goals "N units (or x %) of a tier reach the target" under a unit: the catalog's goals for the tiers below it,
     * then, for its children's tier, every indicator with a target there that has values (how many children reach it).
     */
    private void goals(RoutingContext ctx) {
        Period period = period(ctx);
        if (period == null) return;
        AdminUnits units = layout(ctx, ctx.queryParams().get("layout"), period);
        if (units == null) return;
        String code = ctx.pathParam("code");
        AdminUnit unit = units.find(code).orElse(null);
        if (unit == null) {
            Problem.send(ctx, 404, "Not Found", "no unit " + code + " in layout " + units.layout());
            return;
        }
        List<AdminUnit> kids = units.children(code);
        Level childLevel = kids.isEmpty() ? null : kids.get(0).level();
        record Ask(Goal goal, Indicator indicator, Level level) {
        }
        List<Ask> asks = new ArrayList<>();
        for (Goal g : catalog.goals()) {
            if (g.level().ordinal() > unit.level().ordinal() && !units.at(g.level(), code).isEmpty())
                asks.add(new Ask(g, catalog.find(g.indicator()).orElseThrow(), g.level()));
        }
        if (childLevel != null) {
            for (Indicator i : catalog.all()) {
                boolean declared = asks.stream().anyMatch(a -> a.indicator.id().equals(i.id()) && a.level == childLevel);
                if (!declared && i.thresholdsAt(childLevel) != null) asks.add(new Ask(null, i, childLevel));
            }
        }
        Map<String, Future<Scoreboard>> boards = new java.util.LinkedHashMap<>();
        for (Ask a : asks) boards.computeIfAbsent(a.indicator.id(), id -> scoreboard(a.indicator, units, period));
        Future.all(new ArrayList<>(boards.values())).onSuccess(x -> {
            JsonArray list = new JsonArray();
            for (Ask a : asks) {
                UnitsReaching r = UnitsReaching.count(boards.get(a.indicator.id()).result(), units, code, a.level, a.goal);
                if (r == null || a.goal == null && r.withData() == 0) continue; // an indicator nobody reported yet is not a goal
                Thresholds t = r.thresholds();
                Target cited = t.cites() == null ? null : catalog.target(t.cites()).orElse(null);
                list.add(new JsonObject().put("id", a.goal != null ? a.goal.id() : a.indicator.id() + ":" + a.level.key())
                        .put("declared", a.goal != null)
                        .put("name_vi", a.goal != null ? a.goal.nameVi() : a.level.vi + " đạt mục tiêu: " + a.indicator.nameVi())
                        .put("name_en", a.goal != null ? a.goal.nameEn() : a.level.en + " units reaching the target: " + a.indicator.nameEn())
                        .put("indicator", a.indicator.id()).put("level", a.level.key())
                        .put("units", r.units()).put("with_data", r.withData()).put("reached", r.reached())
                        .put("share", IndicatorValue.rounded(r.share())).put("reached_units", new JsonArray(r.reachedCodes()))
                        .put("required_count", a.goal == null ? null : a.goal.requiredCount())
                        .put("required_share", a.goal == null ? null : a.goal.requiredShare())
                        .put("target", t.target()).put("strict", t.strict()).put("cites", t.cites())
                        .put("document", cited == null ? null : cited.document())
                        .put("status", r.status().name()).put("status_vi", r.status().vi).put("status_en", r.status().en)
                        .put("symbol", r.status().symbol).put("note", a.goal == null ? null : a.goal.note()));
            }
            ctx.json(unitJson(units, unit).put("layout", units.layout()).put("period", period.text()).put("catalog_version", catalog.version())
                    .put("goals", list));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private void trend(RoutingContext ctx) {
        Query q = query(ctx);
        if (q == null) return;
        String code = ctx.queryParams().get("unit");
        if (!q.units.contains(code)) {
            Problem.send(ctx, 404, "Not Found", "no unit " + code + " in layout " + q.units.layout());
            return;
        }
        List<Period> periods = new ArrayList<>();
        Future<List<Scoreboard>> boards;
        if (q.indicator.source() == Indicator.Source.COMPUTED) {
            for (Period p = q.period; periods.size() < TREND_PERIODS; p = p.previous()) periods.add(0, p);
            List<Future<Scoreboard>> each = new ArrayList<>();
            for (Period p : periods) each.add(scoreboard(q.indicator, q.units, p));
            boards = Future.all(each).map(x -> each.stream().map(Future::result).toList());
        } else {
            // Every stored period of the same kind up to the one asked for, oldest first.
            boards = repository.values(q.indicator.id(), q.units.layout(), null).map(values -> {
                Map<String, List<IndicatorValue>> byPeriod = new TreeMap<>();
                for (IndicatorValue v : values) {
                    Period p = Period.parse(v.period());
                    if (p.text().length() == q.period.text().length() && !p.start().isAfter(q.period.start()))
                        byPeriod.computeIfAbsent(p.text(), k -> new ArrayList<>()).add(v);
                }
                List<Scoreboard> out = new ArrayList<>();
                byPeriod.forEach((p, v) -> {
                    periods.add(Period.parse(p));
                    out.add(new Scoreboard(q.indicator, q.units, v));
                });
                return out;
            });
        }
        boards.onSuccess(list -> {
            JsonArray series = new JsonArray();
            for (int n = 0; n < list.size(); n++) {
                Scoreboard.Score s = list.get(n).of(code);
                series.add(new JsonObject().put("period", periods.get(n).text()).put("value", s.value() == null ? null : IndicatorValue.rounded(s.value()))
                        .put("status", s.status().name()).put("origin", s.origin().name().toLowerCase()));
            }
            ctx.json(new JsonObject().put("indicator", q.indicator.id()).put("unit", code).put("layout", q.units.layout()).put("series", series));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    // ---- import ----

    private void importValues(RoutingContext ctx) {
        Principal who = ApiContract.caller(ctx);
        String source = ctx.queryParams().get("source");
        source = "api:" + who.username() + (source == null ? "" : ":" + source.replaceAll("[^\\p{L}\\p{N}._ -]", "").trim());
        IndicatorCsv.Report report;
        try {
            report = IndicatorCsv.read(ctx.body().asString("UTF-8"), catalog, layouts,
                    (units, u) -> who.seesEveryUnit() || who.unitCodes().stream().anyMatch(c -> units.isWithin(u.code(), c)));
        } catch (IllegalArgumentException e) { // the CSV's own header and columns: beyond what the contract reads
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        JsonArray rejected = new JsonArray();
        for (IndicatorCsv.Rejected r : report.rejected()) rejected.add(new JsonObject().put("line", r.line()).put("reason", r.reason()));
        if (report.accepted().isEmpty()) {
            ctx.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("type", "about:blank").put("title", "Unprocessable Content").put("status", 422)
                            .put("detail", "no row could be imported").put("instance", ctx.request().path())
                            .put("accepted", 0).put("rejected", rejected).encode());
            return;
        }
        String src = source;
        repository.saveValues(report.accepted(), src, tx -> AuditLog.append(tx, who, "indicator-import", report.accepted().size() + " values",
                        src + (report.rejected().isEmpty() ? "" : "; " + report.rejected().size() + " rows rejected")))
                .onSuccess(x -> {
                    valuesVersion++; // every cached map answer is stale now
                    ctx.json(new JsonObject().put("accepted", report.accepted().size()).put("rejected", rejected)
                        .put("catalog_version", catalog.version()));
                })
                .onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    // ---- parameters ----

    /** The units a request asks for: {@code parent} and {@code level} (each may be null) and the units they list. */
    private record Scope(String parent, Level level, List<AdminUnit> listed) {
    }

    /**
     * The units of {@code level} under {@code parent}; without a level, the parent's children; without either, the
     * provinces. Null after answering 404 (a parent the layout does not have; the contract checked the level's name).
     */
    private static Scope scope(RoutingContext ctx, AdminUnits units) {
        String parent = ctx.queryParams().get("parent");
        Level level = ctx.queryParams().get("level") == null ? null : Level.of(ctx.queryParams().get("level"));
        if (parent != null && !units.contains(parent)) {
            Problem.send(ctx, 404, "Not Found", "no unit " + parent + " in layout " + units.layout());
            return null;
        }
        List<AdminUnit> listed = level != null ? units.at(level, parent) : parent != null ? units.children(parent) : units.at(Level.PROVINCE, null);
        return new Scope(parent, level, listed);
    }

    private record Query(Indicator indicator, Period period, AdminUnits units) {
    }

    private Query query(RoutingContext ctx) {
        String id = ctx.queryParams().get("indicator");
        Indicator ind = catalog.find(id).orElse(null);
        if (ind == null) {
            Problem.send(ctx, 404, "Not Found", "unknown indicator '" + id + "'");
            return null;
        }
        Period period = period(ctx);
        if (period == null) return null;
        AdminUnits units = layout(ctx, ctx.queryParams().get("layout"), period);
        return units == null ? null : new Query(ind, period, units);
    }

    /** The contract checked the period's form; whether it is a real date (no 2023-02-30) is the calendar's to say. */
    private static Period period(RoutingContext ctx) {
        try {
            return Period.parse(ctx.queryParams().get("period"));
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return null;
        }
    }

    /** The named layout, else the one in force for the period (or today). */
    private AdminUnits layout(RoutingContext ctx, String name, Period period) {
        String l = name != null ? name : period != null ? period.layoutInForce() : Period.layoutInForceOn(LocalDate.now(ComputedIndicators.VIETNAM));
        AdminUnits units = layouts.get(l);
        if (units == null) Problem.send(ctx, name == null ? 503 : 404, name == null ? "Service Unavailable" : "Not Found",
                "no administrative units loaded for layout '" + l + "'" + (name == null ? "" : " (known: " + layouts.keySet() + ")"));
        return units;
    }
}
