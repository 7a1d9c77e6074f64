package vn.matthan.detection.rules;

import vn.matthan.detection.tracking.Track;
import vn.matthan.detection.scene.CountLine;
import vn.matthan.detection.scene.Lane;
import vn.matthan.detection.scene.RestrictedZone;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.scene.SolidLine;
import vn.matthan.detection.scene.StopLine;
import vn.matthan.detection.signal.SignalTimeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one camera's scene to its confirmed tracks, frame by frame: counts passages per line, lane, class and
 * direction, and runs every rule the calibration enables. Each rule reports a track at most once, however long
 * the track lives or flickers. Not thread-safe: one analyser per camera thread.
 */
public final class SceneAnalyser {
    /** A counted crossing; {@code lane} is null when the anchor was in no lane. */
    public record Passage(VehicleMotion vehicle, CountLine line, CountLine.Direction direction, String lane) {
    }

    public record Findings(List<Passage> passages, List<Violation> violations) {
    }

    private final SceneCalibration scene;
    private final List<TrackRule> rules = new ArrayList<>();
    private final PassageCounter counter;
    private final Map<Long, VehicleMotion> vehicles = new HashMap<>();
    private final Map<Long, Set<String>> reported = new HashMap<>();

    /** @param signals the timeline of every signal group the stop lines name */
    public SceneAnalyser(SceneCalibration scene, Map<String, ? extends SignalTimeline> signals) {
        this.scene = scene;
        this.counter = new PassageCounter(scene.countLines());
        for (StopLine s : scene.stopLines()) {
            SignalTimeline t = signals.get(s.signalGroup());
            if (t == null) throw new IllegalArgumentException("no signal timeline for group '" + s.signalGroup() + "'");
            rules.add(new RedLightRule(s, t, scene));
        }
        if (!scene.lanes().isEmpty()) {
            rules.add(new LaneClassRule(scene));
            rules.add(new WrongWayRule(scene));
        }
        for (SolidLine l : scene.solidLines()) rules.add(new SolidLineRule(l));
        for (RestrictedZone z : scene.restrictedZones()) {
            SignalTimeline queue = null;
            if (z.stopLine() != null) {
                String group = scene.stopLines().stream().filter(s -> s.name().equals(z.stopLine())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no stop line '" + z.stopLine() + "'")).signalGroup();
                queue = signals.get(group);
            }
            rules.add(new IllegalStopRule(z, queue));
        }
        if (scene.groundPlane().isPresent() && scene.rules().speedLimitKmh() != null) {
            rules.add(new SpeedingRule(scene.groundPlane().get(), scene.rules().speedLimitKmh(),
                    scene.rules().speedToleranceKmh(), scene.rules().speedWindowSeconds()));
        }
    }

    /**
     * One frame.
     *
     * @param confirmed the tracker's confirmed tracks matched in this frame
     * @param liveIds   ids of every track the tracker still holds (others are forgotten)
     */
    public Findings analyse(long timeMicros, List<Track> confirmed, Set<Long> liveIds) {
        List<VehicleMotion> now = new ArrayList<>(confirmed.size());
        for (Track t : confirmed) {
            VehicleMotion v = vehicles.computeIfAbsent(t.id(), id -> new VehicleMotion(id, scene.frameWidth(), scene.frameHeight()));
            v.add(timeMicros, t);
            now.add(v);
        }
        List<Passage> passages = new ArrayList<>();
        for (PassageCounter.Crossing c : counter.update(now)) {
            passages.add(new Passage(c.vehicle(), c.line(), c.direction(),
                    scene.laneAt(c.vehicle().anchor()).map(Lane::name).orElse(null)));
        }
        List<Violation> violations = new ArrayList<>();
        for (VehicleMotion v : now) {
            for (TrackRule r : rules) {
                Optional<Violation> found = r.check(v);
                if (found.isPresent() && reported.computeIfAbsent(v.trackId(), k -> new HashSet<>()).add(found.get().rule())) {
                    violations.add(found.get());
                }
            }
        }
        forgetAllBut(liveIds);
        return new Findings(passages, violations);
    }

    private void forgetAllBut(Set<Long> liveIds) {
        if (vehicles.keySet().stream().allMatch(liveIds::contains)) return;
        for (Long id : new ArrayList<>(vehicles.keySet())) {
            if (liveIds.contains(id)) continue;
            vehicles.remove(id);
            reported.remove(id);
            for (TrackRule r : rules) r.forget(id);
        }
        counter.retain(liveIds);
    }
}
