package vn.matthan.api.indicators;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Units and indicator values in PostgreSQL ({@code admin_unit}, {@code indicator_value}), through the reactive pool. */
public final class IndicatorRepository {
    private static final int BATCH = 1000;
    private static final String UPSERT_UNIT = """
            INSERT INTO admin_unit (layout, code, name, name_short, level, parent_code, geometry, successor)
            VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)
            ON CONFLICT (layout, code) DO UPDATE SET name = excluded.name, name_short = excluded.name_short, level = excluded.level,
                parent_code = excluded.parent_code, geometry = coalesce(excluded.geometry, admin_unit.geometry),
                successor = coalesce(excluded.successor, admin_unit.successor)
            -- every start loads all units again: only a changed one is rewritten (outlines are large)
            WHERE (admin_unit.name, admin_unit.name_short, admin_unit.level, admin_unit.parent_code, admin_unit.geometry, admin_unit.successor)
                  IS DISTINCT FROM (excluded.name, excluded.name_short, excluded.level, excluded.parent_code,
                                    coalesce(excluded.geometry, admin_unit.geometry), coalesce(excluded.successor, admin_unit.successor))""";
    private static final String UPSERT_VALUE = """
            INSERT INTO indicator_value (indicator_id, layout, unit_code, period, value, numerator, denominator, source)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (indicator_id, layout, unit_code, period) DO UPDATE SET value = excluded.value, numerator = excluded.numerator,
                denominator = excluded.denominator, source = excluded.source, imported_at = now()""";

    /** Seeding (demo data) never overwrites a value someone imported since. */
    private static final String INSERT_VALUE = UPSERT_VALUE.substring(0, UPSERT_VALUE.indexOf("ON CONFLICT")) + "ON CONFLICT DO NOTHING";

    private final Pool pool;

    public IndicatorRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds or updates units; parents must come before their children. */
    public Future<Void> saveUnits(List<UnitSources.LoadedUnit> units) {
        List<Tuple> rows = new ArrayList<>();
        for (UnitSources.LoadedUnit l : units) {
            AdminUnit u = l.unit();
            rows.add(Tuple.of(l.layout(), u.code(), u.name(), u.nameShort(), u.level().key(), u.parentCode(), l.geometry(), l.successor()));
        }
        return pool.withTransaction(tx -> batches(tx, UPSERT_UNIT, rows));
    }

    /** Adds or replaces values (one per indicator, unit and period) in one transaction; runs {@code inside} in it too. */
    public Future<Void> saveValues(List<IndicatorValue> values, String source, java.util.function.Function<SqlConnection, Future<Void>> inside) {
        return pool.withTransaction(tx -> batches(tx, UPSERT_VALUE, rows(values, source)).compose(x -> inside.apply(tx)));
    }

    /** Adds values only where the unit has none yet for that indicator and period. */
    public Future<Void> seedValues(List<IndicatorValue> values, String source) {
        return pool.withTransaction(tx -> batches(tx, INSERT_VALUE, rows(values, source)));
    }

    private static List<Tuple> rows(List<IndicatorValue> values, String source) {
        List<Tuple> rows = new ArrayList<>();
        for (IndicatorValue v : values) {
            rows.add(Tuple.of(v.indicatorId(), v.layout(), v.unitCode(), v.period(), v.value(), v.numerator(), v.denominator(), source));
        }
        return rows;
    }

    private static Future<Void> batches(SqlConnection tx, String sql, List<Tuple> rows) {
        Future<Void> f = Future.succeededFuture();
        for (int i = 0; i < rows.size(); i += BATCH) {
            List<Tuple> part = rows.subList(i, Math.min(rows.size(), i + BATCH));
            f = f.compose(x -> tx.preparedQuery(sql).executeBatch(part).mapEmpty());
        }
        return f;
    }

    /**
     * Every layout's hierarchy (without outlines). The post-2025 layout also knows the pre-2025 codes: each old unit
     * stands for the 2025 unit its province became part of (so a camera still registered under an old district
     * code counts for its new province).
     */
    public Future<Map<String, AdminUnits>> hierarchies() {
        return pool.query("SELECT layout, code, name, name_short, level, parent_code, successor FROM admin_unit ORDER BY layout, level, code").execute()
                .map(rows -> {
                    Map<String, List<AdminUnit>> byLayout = new LinkedHashMap<>();
                    Map<String, String> successors = new HashMap<>();
                    for (Row r : rows) {
                        byLayout.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new AdminUnit(r.getString(1), r.getString(2),
                                r.getString(3), Level.of(r.getString(4)), r.getString(5)));
                        if (r.getString(0).equals(Period.PRE_2025) && r.getString(6) != null) successors.put(r.getString(1), r.getString(6));
                    }
                    Map<String, AdminUnits> out = new LinkedHashMap<>();
                    byLayout.forEach((layout, list) -> out.put(layout, new AdminUnits(layout, list)));
                    AdminUnits pre = out.get(Period.PRE_2025), post = out.get(Period.POST_2025);
                    if (pre != null && post != null) {
                        Map<String, String> former = new HashMap<>();
                        for (AdminUnit u : pre.all()) {
                            String next = successors.get(pre.path(u.code()).get(0).code());
                            if (next != null && post.contains(next) && !post.contains(u.code())) former.put(u.code(), next);
                        }
                        out.put(Period.POST_2025, new AdminUnits(Period.POST_2025, post.all(), former));
                    }
                    return out;
                });
    }

    /** Outlines as GeoJSON geometry text, keyed by layout + "/" + code. */
    public Future<Map<String, String>> outlines() {
        return pool.query("SELECT layout, code, geometry::text FROM admin_unit WHERE geometry IS NOT NULL").execute().map(rows -> {
            Map<String, String> out = new HashMap<>();
            for (Row r : rows) out.put(r.getString(0) + "/" + r.getString(1), r.getString(2));
            return out;
        });
    }

    /** The reported values of an indicator: one period, or every period when {@code period} is null. */
    public Future<List<IndicatorValue>> values(String indicatorId, String layout, String period) {
        String sql = "SELECT indicator_id, layout, unit_code, period, value, numerator, denominator FROM indicator_value "
                + "WHERE indicator_id = $1 AND layout = $2" + (period == null ? "" : " AND period = $3");
        Tuple args = period == null ? Tuple.of(indicatorId, layout) : Tuple.of(indicatorId, layout, period);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<IndicatorValue> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new IndicatorValue(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getDouble(4),
                        r.getDouble(5), r.getDouble(6)));
            }
            return out;
        });
    }
}
