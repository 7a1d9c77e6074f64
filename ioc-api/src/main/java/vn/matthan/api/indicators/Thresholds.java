package vn.matthan.api.indicators;

/**
 * Target and green/red limits of an indicator at one tier. Higher is better: {@code value >= green} is green,
 * {@code value < red} red, between amber. Lower is better: {@code value <= green} green, {@code value > red} red.
 * A strict tier (its cited target reads "> 90%") needs {@code value > green} (lower: {@code < green}).
 *
 * @param cites the id of the catalog target these limits come from (null: the catalog's own target)
 */
public record Thresholds(double target, double green, double red, boolean strict, String cites) {

    public Thresholds(double target, double green, double red) {
        this(target, green, red, false, null);
    }

    public Status status(Double value, boolean higherIsBetter) {
        if (value == null || value.isNaN()) return Status.NO_DATA;
        if (higherIsBetter) return beats(value, green, true) ? Status.GREEN : value < red ? Status.RED : Status.AMBER;
        return beats(value, green, false) ? Status.GREEN : value > red ? Status.RED : Status.AMBER;
    }

    /** Whether the value reaches the target itself (which may lie beyond green): what a "units reaching the target" goal counts. */
    public boolean reaches(Double value, boolean higherIsBetter) {
        return value != null && !value.isNaN() && beats(value, target, higherIsBetter);
    }

    private boolean beats(double value, double limit, boolean higher) {
        if (higher) return strict ? value > limit : value >= limit;
        return strict ? value < limit : value <= limit;
    }
}
