package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.tracking.Track;
import vn.matthan.detection.scene.CountLine;
import vn.matthan.detection.scene.Lane;
import vn.matthan.detection.scene.RestrictedZone;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.scene.SolidLine;
import vn.matthan.detection.scene.StopLine;
import vn.matthan.detection.signal.SignalTimeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one camera's scene to its confirmed tracks, frame by frame: counts passages per line, lane, class and
 * direction, and runs every rule the calibration enables. Each rule reports a track at most once, however long
 * the track lives or flickers, and a vehicle whose track breaks is not reported again under its new track (see
 * {@link #continuationOf}). Not thread-safe: one analyser per camera thread.
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
    /** Reported vehicles whose tracks ended a moment ago, with what they were reported for. */
    private final Deque<Departed> departed = new ArrayDeque<>();

    private record Departed(VehicleMotion vehicle, Set<String> rules) {
    }

    /** How long after a reported vehicle's last sighting a new track can still be that vehicle. */
    static final long CONTINUATION_MICROS = 2_000_000;
    /** How near (in the vanished vehicle's box widths) the new track must start. */
    static final double CONTINUATION_WIDTHS = 1.0;
    private static final long VELOCITY_MICROS = 500_000;

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
        List<VehicleMotion> started = new ArrayList<>();
        for (Track t : confirmed) {
            VehicleMotion v = vehicles.get(t.id());
            if (v == null) {
                vehicles.put(t.id(), v = new VehicleMotion(t.id(), scene.frameWidth(), scene.frameHeight()));
                started.add(v);
            }
            v.add(timeMicros, t);
            now.add(v);
        }
        departed.removeIf(d -> timeMicros - d.vehicle().timeMicros() > CONTINUATION_MICROS);
        Set<Long> seenNow = new HashSet<>();
        for (VehicleMotion v : now) seenNow.add(v.trackId());
        for (VehicleMotion v : started) {
            Set<String> before = continuationOf(v, timeMicros);
            if (!before.isEmpty()) reported.computeIfAbsent(v.trackId(), k -> new HashSet<>()).addAll(before);
            VehicleMotion lost = predecessorOf(v, timeMicros, seenNow);
            if (lost != null) for (TrackRule r : rules) r.continued(lost.trackId(), v.trackId());
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

    /**
     * What a vehicle seen first now was already reported for, when its track continues one that broke: the tracker
     * lost a reported vehicle (a merged box, a missed frame, a detection cut at a tile edge) and started a new track
     * where the old one was last seen, within {@link #CONTINUATION_MICROS} and {@link #CONTINUATION_WIDTHS}. Without
     * this, one wrong-way driver whose track breaks is two cases for the police desk.
     */
    private Set<String> continuationOf(VehicleMotion v, long timeMicros) {
        Set<String> rules = new HashSet<>();
        List<Departed> candidates = new ArrayList<>(departed);
        for (Map.Entry<Long, Set<String>> e : reported.entrySet()) {
            VehicleMotion old = vehicles.get(e.getKey());
            if (old != null && old != v && old.timeMicros() < timeMicros) candidates.add(new Departed(old, e.getValue()));
        }
        for (Departed d : candidates) if (continues(d.vehicle(), v, timeMicros)) rules.addAll(d.rules());
        return rules;
    }

    /**
     * The track, still held by the tracker but not seen in this frame, that a vehicle seen first now continues (the
     * nearest), or null. Its rules' memory carries over (e.g. that it was seen before the stop line, when it crossed
     * unseen).
     */
    private VehicleMotion predecessorOf(VehicleMotion v, long timeMicros, Set<Long> seenNow) {
        VehicleMotion best = null;
        double bestDistance = Double.MAX_VALUE;
        for (VehicleMotion old : vehicles.values()) {
            if (seenNow.contains(old.trackId()) || !mayContinue(old, v, timeMicros)) continue;
            // Anywhere between where it was last seen and where its last speed would have taken it: a vehicle lost
            // mid-swerve or while braking does not keep its last velocity.
            double d = new Segment(old.anchor(), expected(old, timeMicros)).distanceTo(v.anchor());
            if (d <= reach(old, v) && d < bestDistance) {
                bestDistance = d;
                best = old;
            }
        }
        return best;
    }

    /** Whether {@code v}, seen first now, starts where {@code old} would be now (see {@link #continuationOf}). */
    private static boolean continues(VehicleMotion old, VehicleMotion v, long timeMicros) {
        return mayContinue(old, v, timeMicros) && expected(old, timeMicros).distance(v.anchor()) <= reach(old, v);
    }

    /** Last seen before now and at most {@link #CONTINUATION_MICROS} ago, of the same wheel family. */
    private static boolean mayContinue(VehicleMotion old, VehicleMotion v, long timeMicros) {
        return old.timeMicros() < timeMicros && timeMicros - old.timeMicros() <= CONTINUATION_MICROS
                && old.trafficClass().isTwoWheeler() == v.trafficClass().isTwoWheeler();
    }

    /** How near a continuing track must start: {@link #CONTINUATION_WIDTHS} of the larger box. */
    private static double reach(VehicleMotion old, VehicleMotion v) {
        return CONTINUATION_WIDTHS * Math.max(old.box().width(), v.box().width());
    }

    /** Where the old vehicle's anchor would be now at the speed it last had (the new track is confirmed a few frames late). */
    private static Point expected(VehicleMotion old, long timeMicros) {
        double x = old.anchor().x(), y = old.anchor().y();
        VehicleMotion.Sample earlier = old.atLeastAgo(VELOCITY_MICROS);
        if (earlier != null) {
            double k = (timeMicros - old.timeMicros()) / (double) (old.timeMicros() - earlier.timeMicros());
            x += (old.anchor().x() - earlier.anchor().x()) * k;
            y += (old.anchor().y() - earlier.anchor().y()) * k;
        }
        return new Point(x, y);
    }

    private void forgetAllBut(Set<Long> liveIds) {
        if (vehicles.keySet().stream().allMatch(liveIds::contains)) return;
        for (Long id : new ArrayList<>(vehicles.keySet())) {
            if (liveIds.contains(id)) continue;
            VehicleMotion gone = vehicles.remove(id);
            Set<String> was = reported.remove(id);
            if (was != null && !was.isEmpty()) departed.addLast(new Departed(gone, was));
            for (TrackRule r : rules) r.forget(id);
        }
        counter.retain(liveIds);
    }
}
