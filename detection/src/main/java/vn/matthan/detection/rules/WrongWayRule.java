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
 * short reverse do not count). In metres on the road plane when the scene has one, else in pixels. On the road
 * plane, a step back faster than any driver reverses or drives against traffic in town is the tracker moving to another
 * vehicle (in a queue, one car's track taking the car behind it), not motion: the furthest point starts again there.
 */
final class WrongWayRule implements TrackRule {
    private record Progress(String lane, double best, double last, long lastMicros) {
    }

    /** Fastest backward motion taken as motion (m/s, 54 km/h), plus the road-plane error of one box bottom (m). */
    static final double MAX_BACKWARD_MPS = 15, STEP_SLACK_M = 1;

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
        long now = v.timeMicros();
        if (p == null || !p.lane().equals(lane.get().name()) || jumpedBack(p, along, now)) p = new Progress(lane.get().name(), along, along, now);
        else p = new Progress(p.lane(), Math.max(p.best(), along), along, now);
        progress.put(v.trackId(), p);
        if (p.best() - along < minDistance) return Optional.empty();
        return Optional.of(Violation.of(ViolationType.WRONG_WAY, "wrong_way", "against_lane_direction", v, p.lane()));
    }

    private boolean jumpedBack(Progress p, double along, long nowMicros) {
        if (ground.isEmpty()) return false;
        double seconds = (nowMicros - p.lastMicros()) / 1e6;
        return p.last() - along > MAX_BACKWARD_MPS * seconds + STEP_SLACK_M;
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
