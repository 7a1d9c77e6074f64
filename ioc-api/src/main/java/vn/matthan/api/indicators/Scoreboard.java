package vn.matthan.api.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every unit's value and status of one indicator in one period: a unit's own value where one was reported,
 * otherwise its children's values combined by the indicator's aggregation; and each unit's rank among its siblings.
 * An imported indicator is combined only when every child reported (a missing report is not a zero); a computed
 * one over the children that have data (a unit without cameras has nothing to count).
 */
public final class Scoreboard {
    public enum Origin { REPORTED, AGGREGATED, NONE }

    /** @param rank 1 = best among the siblings with a value (ties share a rank); 0 without a value */
    public record Score(AdminUnit unit, Double value, Double numerator, Double denominator, Status status, Origin origin,
                        int childrenWithValue, int children, int rank, int ranked) {
    }

    private final Indicator indicator;
    private final AdminUnits units;
    private final Map<String, IndicatorValue> reported;
    private final Map<String, Score> scores = new HashMap<>();

    public Scoreboard(Indicator indicator, AdminUnits units, List<IndicatorValue> values) {
        this.indicator = indicator;
        this.units = units;
        this.reported = new HashMap<>();
        for (IndicatorValue v : values) reported.put(v.unitCode(), v);
        for (AdminUnit u : units.all()) if (u.parentCode() == null) score(u);
        rank();
    }

    public Indicator indicator() {
        return indicator;
    }

    public Score of(String code) {
        Score s = scores.get(code);
        if (s == null) throw new IllegalArgumentException("unknown unit " + code);
        return s;
    }

    private Score score(AdminUnit u) {
        List<Score> kids = new ArrayList<>();
        for (AdminUnit c : units.children(u.code())) kids.add(score(c));
        List<Score> withValue = kids.stream().filter(k -> k.value() != null).toList();
        IndicatorValue own = reported.get(u.code());
        Double value = null, num = null, den = null;
        Origin origin = Origin.NONE;
        if (own != null) {
            value = own.value();
            num = own.numerator();
            den = own.denominator();
            origin = Origin.REPORTED;
        } else if (!withValue.isEmpty() && (indicator.source() == Indicator.Source.COMPUTED || withValue.size() == kids.size())) {
            Double[] combined = combine(withValue);
            if (combined != null) {
                value = combined[0];
                num = combined[1];
                den = combined[2];
                origin = Origin.AGGREGATED;
            }
        }
        Score s = new Score(u, value, num, den, indicator.status(u.level(), value), origin, withValue.size(), kids.size(), 0, 0);
        scores.put(u.code(), s);
        return s;
    }

    /** {value, numerator, denominator}, or null when the children cannot be combined. */
    private Double[] combine(List<Score> kids) {
        switch (indicator.aggregation()) {
            case RATIO -> {
                double n = 0, d = 0;
                for (Score k : kids) {
                    if (k.numerator() == null || k.denominator() == null) return null;
                    n += k.numerator();
                    d += k.denominator();
                }
                return d > 0 ? new Double[]{n / d * indicator.scale(), n, d} : null;
            }
            case SUM -> {
                return new Double[]{kids.stream().mapToDouble(Score::value).sum(), null, null};
            }
            case MEAN -> {
                return new Double[]{kids.stream().mapToDouble(Score::value).average().orElseThrow(), null, null};
            }
            case MAX -> {
                return new Double[]{kids.stream().mapToDouble(Score::value).max().orElseThrow(), null, null};
            }
            default -> {
                return null;
            }
        }
    }

    private void rank() {
        Map<String, List<Score>> siblings = new HashMap<>();
        for (Score s : scores.values()) {
            if (s.value() != null) siblings.computeIfAbsent(String.valueOf(s.unit().parentCode()), k -> new ArrayList<>()).add(s);
        }
        Comparator<Score> best = Comparator.comparingDouble(Score::value);
        if (indicator.higherIsBetter()) best = best.reversed();
        for (List<Score> group : siblings.values()) {
            group.sort(best);
            int rank = 0;
            for (int i = 0; i < group.size(); i++) {
                Score s = group.get(i);
                if (i == 0 || !s.value().equals(group.get(i - 1).value())) rank = i + 1;
                scores.put(s.unit().code(), new Score(s.unit(), s.value(), s.numerator(), s.denominator(), s.status(), s.origin(),
                        s.childrenWithValue(), s.children(), rank, group.size()));
            }
        }
    }
}
