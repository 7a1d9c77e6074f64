package vn.matthan.api.indicators;

import java.util.Map;

/**
 * One indicator of the catalog.
 *
 * @param scale       a ratio's value is numerator / denominator × scale (100 for a percentage)
 * @param measures    what the indicator's source table measures; a threshold may cite only a target measuring the same
 * @param definition  how the value is computed (numerator / denominator), in the province's words; may be null
 * @param sourceTable where the values come from; may be null
 * @param thresholds  per tier; a tier missing here uses {@code fallback}; none at all: values are shown without a colour
 */
public record Indicator(String id, String nameVi, String nameEn, String unit, boolean higherIsBetter, Aggregation aggregation,
                        double scale, double min, double max, Source source, String note,
                        Map<Level, Thresholds> thresholds, Thresholds fallback, String measures, String definition, String sourceTable) {

    public enum Aggregation { RATIO, SUM, MEAN, MAX, NONE }

    public enum Source { IMPORTED, COMPUTED }

    public Thresholds thresholdsAt(Level level) {
        return thresholds.getOrDefault(level, fallback);
    }

    /** A value without a target at its tier is {@link Status#NO_TARGET}: shown, never coloured. */
    public Status status(Level level, Double value) {
        Thresholds t = thresholdsAt(level);
        if (t == null) return value == null || value.isNaN() ? Status.NO_DATA : Status.NO_TARGET;
        return t.status(value, higherIsBetter);
    }

    public boolean inRange(double value) {
        return value >= min && value <= max;
    }
}
