package vn.matthan.detection.rules;

import vn.matthan.detection.scene.GroundPlane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SPEEDING (indicative): speed on the road plane over at least {@code window} seconds of travel, from ground anchors
 * of boxes not cut by the frame edge. Flagged when {@code confirmations} consecutive measurements all exceed
 * limit + tolerance; the reported speed is their median. Only with a ground-plane calibration.
 */
final class SpeedingRule implements TrackRule {
    private static final int CONFIRMATIONS = 3;

    private final GroundPlane ground;
    private final double thresholdKmh;
    private final long windowMicros;
    private final Map<Long, List<Double>> over = new HashMap<>();

    SpeedingRule(GroundPlane ground, double limitKmh, double toleranceKmh, double windowSeconds) {
        this.ground = ground;
        this.thresholdKmh = limitKmh + toleranceKmh;
        this.windowMicros = (long) (windowSeconds * 1e6);
    }

    @Override
    public Optional<Violation> check(VehicleMotion v) {
        VehicleMotion.Sample then = v.atLeastAgo(windowMicros);
        if (then == null || then.atEdge() || v.now().atEdge()) return Optional.empty();
        double seconds = (v.timeMicros() - then.timeMicros()) / 1e6;
        double kmh = ground.metresBetween(then.anchor(), v.anchor()) / seconds * 3.6;
        List<Double> run = over.computeIfAbsent(v.trackId(), k -> new ArrayList<>());
        if (kmh <= thresholdKmh) {
            run.clear();
            return Optional.empty();
        }
        run.add(kmh);
        if (run.size() < CONFIRMATIONS) return Optional.empty();
        List<Double> sorted = run.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        return Optional.of(Violation.of(ViolationType.SPEEDING, "speeding", "over_limit", v, null)
                .withIndicativeSpeed(Math.round(median * 10) / 10.0));
    }

    @Override
    public void forget(long trackId) {
        over.remove(trackId);
    }
}
