package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.scene.GroundPlane;
import vn.matthan.detection.scene.Lane;
import vn.matthan.detection.scene.SceneCalibration;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * WRONG_WAY: while in one lane, a vehicle moves against the lane's direction of travel by at least the minimum
 * distance, measured from the furthest point it reached along the legal direction (so stopping, jitter or a
 * short reverse do not count). In metres on the road plane when the scene has one, else in pixels.
 */
final class WrongWayRule implements TrackRule {
    private record Progress(String lane, double best) {
    }

    private final SceneCalibration scene;
    private final Optional<GroundPlane> ground;
    private final double minDistance;
    private final Map<Long, Progress> progress = new HashMap<>();

    WrongWayRule(SceneCalibration scene) {
        this.scene = scene;
        this.ground = scene.groundPlane();
        this.minDistance = ground.isPresent() ? scene.rules().wrongWayMinMetres() : scene.rules().wrongWayMinPixels();
    }

    @Override
    public Optional<Violation> check(VehicleMotion v) {
        Optional<Lane> lane = scene.laneAt(v.anchor());
        if (lane.isEmpty()) {
            progress.remove(v.trackId());
            return Optional.empty();
        }
        double along = along(lane.get(), v.anchor());
        Progress p = progress.get(v.trackId());
        if (p == null || !p.lane().equals(lane.get().name())) p = new Progress(lane.get().name(), along);
        else if (along > p.best()) p = new Progress(p.lane(), along);
        progress.put(v.trackId(), p);
        if (p.best() - along < minDistance) return Optional.empty();
        return Optional.of(Violation.of(ViolationType.WRONG_WAY, "wrong_way", "against_lane_direction", v, p.lane()));
    }

    /** Position of a point along the lane's legal direction. */
    private double along(Lane lane, Point p) {
        Point a = lane.travel().a(), b = lane.travel().b();
        if (ground.isPresent()) {
            a = ground.get().toRoad(a);
            b = ground.get().toRoad(b);
            p = ground.get().toRoad(p);
        }
        double dx = b.x() - a.x(), dy = b.y() - a.y(), len = Math.hypot(dx, dy);
        return ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len;
    }

    @Override
    public void forget(long trackId) {
        progress.remove(trackId);
    }
}
