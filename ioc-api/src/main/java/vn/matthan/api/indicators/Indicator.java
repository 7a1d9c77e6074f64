package vn.matthan.api.indicators;

import java.util.Map;

/**
 * One indicator of the catalog.
 *
 * @param scale       a ratio's value is numerator / denominator × scale (100 for a percentage)
 * @param thresholds  per tier; a tier missing here uses {@code fallback}
 */
public record Indicator(String id, String nameVi, String nameEn, String unit, boolean higherIsBetter, Aggregation aggregation,
                        double scale, double min, double max, Source source, String note,
                        Map<Level, Thresholds> thresholds, Thresholds fallback) {

    public enum Aggregation { RATIO, SUM, MEAN, MAX, NONE }

    public enum Source { IMPORTED, COMPUTED }

    public Thresholds thresholdsAt(Level level) {
        return thresholds.getOrDefault(level, fallback);
    }

    public Status status(Level level, Double value) {
        Thresholds t = thresholdsAt(level);
        return t == null ? Status.NO_DATA : t.status(value, higherIsBetter);
    }

    public boolean inRange(double value) {
        return value >= min && value <= max;
    }
}
