package vn.matthan.detection.scene;

/**
 * Per-camera rule thresholds (the {@code rules:} section of a scene calibration).
 *
 * @param minTimeIntoRedSeconds red-light grace: crossings earlier into red are not violations
 * @param laneMinFrames         frames a vehicle of a class not allowed must stay in a lane
 * @param wrongWayMinMetres     distance against the lane direction (with a ground plane)
 * @param wrongWayMinPixels     the same without a ground plane
 * @param speedLimitKmh         null: no speeding rule
 * @param speedToleranceKmh     measured speeds up to limit + tolerance are not flagged
 * @param speedWindowSeconds    speeds are measured over at least this much travel time
 */
public record RuleSettings(double minTimeIntoRedSeconds, int laneMinFrames, double wrongWayMinMetres,
                           double wrongWayMinPixels, Double speedLimitKmh, double speedToleranceKmh,
                           double speedWindowSeconds) {

    /** The defaults declared in the {@code rules:} section of {@link SceneFile}. */
    public static RuleSettings defaults() {
        return new SceneFile.Rules().settings();
    }
}
