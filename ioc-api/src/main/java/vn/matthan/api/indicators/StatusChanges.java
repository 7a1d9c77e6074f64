package vn.matthan.api.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which units change colour when the catalog changes: every status of the same values re-derived under two catalog
 * versions, with the reason read from the two definitions (a target removed, added or moved). What a leader needs to
 * hear before the map they read every day changes.
 */
public final class StatusChanges {
    public record Change(String indicator, AdminUnit unit, Double value, Status before, Status after, String why) {
    }

    private StatusChanges() {
    }

    /** Changes for every indicator both versions define, over the values given (all periods together must be one). */
    public static List<Change> between(IndicatorCatalog before, IndicatorCatalog after, AdminUnits units, List<IndicatorValue> values) {
        List<Change> out = new ArrayList<>();
        for (Indicator now : after.all()) {
            Indicator was = before.find(now.id()).orElse(null);
            if (was == null) continue;
            List<IndicatorValue> mine = values.stream().filter(v -> v.indicatorId().equals(now.id())).toList();
            if (mine.isEmpty()) continue;
            Scoreboard old = new Scoreboard(was, units, mine), fresh = new Scoreboard(now, units, mine);
            for (AdminUnit u : units.all()) {
                Scoreboard.Score a = old.of(u.code()), b = fresh.of(u.code());
                if (a.status() != b.status()) out.add(new Change(now.id(), u, b.value(), a.status(), b.status(), why(was, now, u.level(), after)));
            }
        }
        out.sort(java.util.Comparator.comparing((Change c) -> c.indicator()).thenComparing(c -> c.unit().level())
                .thenComparing(c -> c.unit().code()));
        return out;
    }

    static String why(Indicator was, Indicator now, Level level, IndicatorCatalog after) {
        Thresholds a = was.thresholdsAt(level), b = now.thresholdsAt(level);
        String tier = level.key();
        if (a != null && b == null) {
            return "no target at " + tier + " level any more (was " + limits(a) + "): the indicator measures '" + now.measures() + "'"
                    + cited(after, now) + " (catalog " + after.version() + ")";
        }
        if (a == null && b != null) return "judged at " + tier + " level now: " + limits(b) + " (catalog " + after.version() + ")";
        return "thresholds at " + tier + " level changed from " + limits(a) + " to " + limits(b) + " (catalog " + after.version() + ")";
    }

    private static String cited(IndicatorCatalog after, Indicator now) {
        List<String> targets = after.targets().stream().filter(t -> t.measures().equals(now.measures())).map(Target::id).toList();
        return targets.isEmpty() ? ", a measure no target of the catalog is written for" : ", whose documents' targets are " + targets;
    }

    private static String limits(Thresholds t) {
        return String.format(Locale.ROOT, "target %s%s, green %s, red %s%s", t.strict() ? "> " : "", n(t.target()), n(t.green()), n(t.red()),
                t.cites() == null ? "" : ", citing " + t.cites());
    }

    private static String n(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
