package vn.matthan.api.assistant;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.matthan.api.indicators.AdminUnits;
import vn.matthan.api.indicators.ComputedIndicators;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traffic figures for a unit and a range of Vietnamese days, from the stream job's tables the wall, Grafana and the
 * violation figures read: detections per type ({@code violation_day}), congestion episodes ({@code congestion_event})
 * and passages ({@code flow_minute}), each counted for the cameras whose unit lies within the unit asked about.
 * A range in which those cameras recorded nothing at all (no passage, no violation, no episode) has no data — a zero
 * would claim the cameras watched.
 */
final class TrafficFigures {
    private static final String VIOLATIONS = """
            SELECT unit_code, violation_type, sum(violations)::bigint FROM violation_day
             WHERE bucket >= $1 AND bucket < $2 GROUP BY 1, 2""";
    private static final String CONGESTION = """
            SELECT c.unit_code, count(*)::bigint, coalesce(sum(e.congested_minutes), 0)::bigint
              FROM congestion_event e JOIN camera c ON c.id = e.camera_id
             WHERE e.started_at >= $1 AND e.started_at < $2 GROUP BY 1""";
    private static final String FLOW = """
            SELECT c.unit_code, sum(f.passages)::bigint FROM flow_minute f JOIN camera c ON c.id = f.camera_id
             WHERE f.bucket >= $1 AND f.bucket < $2 GROUP BY 1""";

    /** @param byType violations per type (violations), or {episodes, minutes} (congestion), or {passages} (flow) */
    record Figure(String what, Map<String, Long> byType, boolean watched) {
        long total() {
            return byType.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Pool pool;

    TrafficFigures(Pool pool) {
        this.pool = pool;
    }

    /** One figure per unit asked (codes of {@code units}' layout). */
    Future<List<Figure>> figures(String what, List<String> types, List<String> unitCodes, AdminUnits units, AskedPeriod period) {
        Tuple range = Tuple.of(midnight(period.from()), midnight(period.to()));
        Future<List<Row>> main = rows(switch (what) {
            case "violations" -> VIOLATIONS;
            case "congestion" -> CONGESTION;
            default -> FLOW;
        }, range);
        // whether the cameras were watching at all: any passage or violation in the range
        Future<List<Row>> flow = what.equals("flow") ? main : rows(FLOW, range);
        Future<List<Row>> violations = what.equals("violations") ? main : rows(VIOLATIONS, range);
        return Future.all(main, flow, violations).map(x -> {
            List<Figure> out = new ArrayList<>();
            for (String code : unitCodes) {
                Map<String, Long> acc = new LinkedHashMap<>();
                if (what.equals("violations")) for (String t : types) acc.put(t, 0L);
                boolean watched = false;
                for (Row r : main.result()) {
                    if (!within(units, r.getString(0), code)) continue;
                    switch (what) {
                        case "violations" -> {
                            if (types.isEmpty() || types.contains(r.getString(1))) acc.merge(r.getString(1), r.getLong(2), Long::sum);
                        }
                        case "congestion" -> {
                            acc.merge("episodes", r.getLong(1), Long::sum);
                            acc.merge("minutes", r.getLong(2), Long::sum);
                        }
                        default -> acc.merge("passages", r.getLong(1), Long::sum);
                    }
                }
                for (Row r : flow.result()) watched |= within(units, r.getString(0), code) && r.getLong(1) > 0;
                for (Row r : violations.result()) watched |= within(units, r.getString(0), code) && r.getLong(2) > 0;
                out.add(new Figure(what, acc, watched));
            }
            return out;
        });
    }

    private static boolean within(AdminUnits units, String cameraUnit, String asked) {
        String code = units.resolve(cameraUnit);
        return code != null && units.isWithin(code, asked);
    }

    private Future<List<Row>> rows(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rs -> {
            List<Row> l = new ArrayList<>();
            rs.forEach(l::add);
            return l;
        });
    }

    private static OffsetDateTime midnight(LocalDate d) {
        return d.atStartOfDay(ComputedIndicators.VIETNAM).toOffsetDateTime();
    }
}
