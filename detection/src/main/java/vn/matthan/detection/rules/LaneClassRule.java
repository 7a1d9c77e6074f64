package vn.matthan.detection.rules;

import vn.matthan.detection.scene.Lane;
import vn.matthan.detection.scene.SceneCalibration;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** LANE: a vehicle of a class the lane does not allow stays in it for at least the configured number of frames. */
final class LaneClassRule implements TrackRule {
    private record Stay(String lane, int frames) {
    }

    private final SceneCalibration scene;
    private final int minFrames;
    private final Map<Long, Stay> stays = new HashMap<>();

    LaneClassRule(SceneCalibration scene) {
        this.scene = scene;
        this.minFrames = scene.rules().laneMinFrames();
    }

    @Override
    public Optional<Violation> check(VehicleMotion v) {
        Optional<Lane> lane = scene.laneAt(v.anchor());
        if (lane.isEmpty() || lane.get().allows(v.trafficClass())) {
            stays.remove(v.trackId());
            return Optional.empty();
        }
        Stay prev = stays.get(v.trackId());
        Stay now = prev != null && prev.lane().equals(lane.get().name()) ? new Stay(prev.lane(), prev.frames() + 1)
                : new Stay(lane.get().name(), 1);
        stays.put(v.trackId(), now);
        if (now.frames() < minFrames) return Optional.empty();
        return Optional.of(Violation.of(ViolationType.LANE, "lane_class", "class_not_allowed", v, now.lane()));
    }

    @Override
    public void forget(long trackId) {
        stays.remove(trackId);
    }
}
