package vn.matthan.api.indicators;

/**
 * Target and green/red limits of an indicator at one tier. Higher is better: {@code value >= green} is green,
 * {@code value < red} red, between amber. Lower is better: {@code value <= green} green, {@code value > red} red.
 */
public record Thresholds(double target, double green, double red) {

    public Status status(Double value, boolean higherIsBetter) {
        if (value == null || value.isNaN()) return Status.NO_DATA;
        if (higherIsBetter) return value >= green ? Status.GREEN : value < red ? Status.RED : Status.AMBER;
        return value <= green ? Status.GREEN : value > red ? Status.RED : Status.AMBER;
    }
}
