package vn.matthan.api.indicators;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Traffic indicators computed from what the cameras and the review desk recorded, per administrative unit of the
 * cameras ({@code camera.unit_code}), and field report indicators per district of the reports, for a period in
 * Vietnamese local time. A running period counts up to now.
 * Each query returns {@code unit_code, numerator, denominator} (ratios) or {@code unit_code, value}.
 */
public final class ComputedIndicators {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Cases a reviewer has thrown out or merged into another do not count as violations. */
    private static final String COUNTED = "v.status <> 'REJECTED' AND v.merged_into IS NULL";
    /** Field reports count for the district their coordinates lie in (reports without coordinates count for none). */
    private static final Map<String, String> FIELD_REPORT_SQL = Map.of(
            // resolved by the deadline / resolved or past the deadline (a report still within its clock counts once decided)
            "field-reports-on-time", """
                    SELECT r.unit_code, count(*) FILTER (WHERE r.resolved_at <= r.due_at)::float8,
                           count(*) FILTER (WHERE r.resolved_at IS NOT NULL OR r.due_at < now())::float8
                      FROM field_report r
                     WHERE r.unit_code IS NOT NULL AND r.received_at >= $1 AND r.received_at < $2 AND $3::float8 > 0
                     GROUP BY r.unit_code HAVING count(*) FILTER (WHERE r.resolved_at IS NOT NULL OR r.due_at < now()) > 0""",
            "field-reports-satisfied", """
                    SELECT r.unit_code, count(*) FILTER (WHERE r.rating = 'SATISFIED')::float8, count(r.rating)::float8
                      FROM field_report r
                     WHERE r.unit_code IS NOT NULL AND r.received_at >= $1 AND r.received_at < $2 AND $3::float8 > 0
                     GROUP BY r.unit_code HAVING count(r.rating) > 0""",
            // only units with a sourced population figure (config/population.yaml): the others show no data
            "field-reports-per-10k", """
                    SELECT p.unit_code, count(r.id)::float8, p.population::float8
                      FROM unit_population p LEFT JOIN field_report r ON r.unit_code = p.unit_code
                       AND r.received_at >= $1 AND r.received_at < $2
                     WHERE $3::float8 > 0 GROUP BY p.unit_code, p.population""");
    private static final Map<String, String> SQL = with(FIELD_REPORT_SQL, Map.of(
            // $1, $2: period start and end; $3: camera-days per camera (the part of the period elapsed, in days)
            "red-light-per-camera-day", """
                    SELECT c.unit_code, count(v.id)::float8, count(DISTINCT c.id) * $3::float8
                      FROM camera c LEFT JOIN violation_case v ON v.camera_id = c.id AND v.violation_type = 'red_light'
                       AND v.occurred_at >= $1 AND v.occurred_at < $2 AND %s
                     GROUP BY c.unit_code""".formatted(COUNTED),
            "violations-per-10k-vehicles", """
                    SELECT c.unit_code,
                           (SELECT count(*) FROM violation_case v WHERE v.unit_code = c.unit_code
                               AND v.occurred_at >= $1 AND v.occurred_at < $2 AND %s)::float8,
                           sum(f.passages)::float8
                      FROM camera c JOIN flow_minute f ON f.camera_id = c.id AND f.bucket >= $1 AND f.bucket < $2
                     WHERE $3::float8 > 0 GROUP BY c.unit_code HAVING sum(f.passages) > 0""".formatted(COUNTED),
            "camera-uptime", """
                    SELECT c.unit_code, sum(u.streaming_samples)::float8, sum(u.samples)::float8
                      FROM camera c JOIN camera_uptime_hour u ON u.camera_id = c.id AND u.hour >= $1 AND u.hour < $2
                     WHERE $3::float8 > 0 GROUP BY c.unit_code""",
            "review-backlog-age", """
                    SELECT v.unit_code, extract(epoch FROM now() - min(v.occurred_at)) / 3600.0
                      FROM violation_case v
                     WHERE v.status IN ('DETECTED', 'PENDING_REVIEW') AND v.merged_into IS NULL
                       AND v.occurred_at >= $1 AND v.occurred_at < $2 AND $3::float8 > 0
                     GROUP BY v.unit_code""",
            "notice-rate", """
                    SELECT v.unit_code, count(n.case_id)::float8,
                           count(*) FILTER (WHERE v.status = 'CONFIRMED' OR n.case_id IS NOT NULL)::float8
                      FROM violation_case v LEFT JOIN case_notice n ON n.case_id = v.id
                     WHERE v.occurred_at >= $1 AND v.occurred_at < $2 AND v.merged_into IS NULL AND $3::float8 > 0
                     GROUP BY v.unit_code
                    HAVING count(*) FILTER (WHERE v.status = 'CONFIRMED' OR n.case_id IS NOT NULL) > 0""",
            // minutes of congestion episodes inside the period (an open one counts up to now), per elapsed day
            "congestion-minutes", """
                    SELECT c.unit_code,
                           sum(extract(epoch FROM least(coalesce(e.cleared_at, now()), $2) - greatest(e.started_at, $1))) / 60.0 / $3::float8
                      FROM camera c JOIN congestion_event e ON e.camera_id = c.id
                       AND e.started_at < $2 AND coalesce(e.cleared_at, now()) > $1
                     GROUP BY c.unit_code"""));

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }

    private final Pool pool;

    public ComputedIndicators(Pool pool) {
        this.pool = pool;
    }

    public static boolean knows(String indicatorId) {
        return SQL.containsKey(indicatorId);
    }

    public Future<List<IndicatorValue>> values(Indicator indicator, AdminUnits units, Period period, Instant now) {
        String sql = SQL.get(indicator.id());
        if (sql == null) return Future.failedFuture(new IllegalStateException("no computation for indicator " + indicator.id()));
        Instant start = period.start().atStartOfDay(VIETNAM).toInstant();
        Instant end = period.end().atStartOfDay(VIETNAM).toInstant();
        Instant until = now.isBefore(end) ? now : end;
        double days = Math.max(0, Duration.between(start, until).toSeconds() / 86400.0);
        if (days == 0) return Future.succeededFuture(List.of());
        return pool.preparedQuery(sql).execute(Tuple.of(utc(start), utc(end), days)).map(rows -> {
            // Cameras registered under a former unit count for the unit it became part of, combined as the indicator says.
            Map<String, double[]> byUnit = new java.util.LinkedHashMap<>();
            for (Row r : rows) {
                String code = units.resolve(r.getString(0));
                if (code == null) continue;
                double[] acc = byUnit.computeIfAbsent(code, k -> new double[]{0, 0});
                if (r.size() == 3) {
                    acc[0] += r.getDouble(1);
                    acc[1] += r.getDouble(2);
                } else {
                    acc[0] = indicator.aggregation() == Indicator.Aggregation.MAX ? Math.max(acc[0], r.getDouble(1)) : acc[0] + r.getDouble(1);
                    acc[1] = -1;
                }
            }
            List<IndicatorValue> out = new ArrayList<>();
            byUnit.forEach((code, acc) -> {
                if (acc[1] > 0) out.add(IndicatorValue.ratio(indicator, units.layout(), code, period.text(), acc[0], acc[1]));
                else if (acc[1] < 0) out.add(new IndicatorValue(indicator.id(), units.layout(), code, period.text(), acc[0], null, null));
            });
            return out;
        });
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
