package vn.matthan.api.indicators;

/**
 * A unit's value of an indicator for a period. Ratios carry numerator and denominator (else both null) so that
 * parents can be computed from them.
 */
public record IndicatorValue(String indicatorId, String layout, String unitCode, String period, double value,
                             Double numerator, Double denominator) {

    public static IndicatorValue ratio(Indicator i, String layout, String unitCode, String period, double numerator, double denominator) {
        return new IndicatorValue(i.id(), layout, unitCode, period, numerator / denominator * i.scale(), numerator, denominator);
    }

    /** A value as reports print it: two decimals. */
    public static double rounded(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
