package vn.matthan.detection.rules;

import vn.matthan.detection.scene.Lane;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.scene.StopLine;
import vn.matthan.detection.signal.SignalState;
import vn.matthan.detection.signal.SignalTimeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RED_LIGHT: a vehicle whose ground anchor was seen before the stop line becomes wholly past it (every box corner
 * beyond the line, in the controlled direction) while its signal group is red. The moment of becoming wholly past
 * is judged once per track, so a box flickering over the line or a vehicle stopping on it never counts twice or
 * by accident; the vehicle must also be advancing (not a waiting vehicle whose box jitters over the line).
 * Vehicles in exempt lanes (signed right turn on red) and crossings earlier into red than the
 * configured grace are not violations. A vehicle that crossed while the tracker had lost it is judged on its new
 * track (see {@link #continued}).
 */
final class RedLightRule implements TrackRule {
    private static final class State {
        boolean seenBefore, decided;
        /** Taken over from a lost track: the crossing may have happened unseen, between the two tracks. */
        boolean carried;
        long lastBeforeMicros;
        String laneBefore;
    }

    private static final long ADVANCE_WINDOW_MICROS = 500_000;
    private static final double MIN_ADVANCE_PX = 4;

    private final StopLine line;
    private final SignalTimeline signal;
    private final SceneCalibration scene;
    private final double minTimeIntoRed;
    private final Map<Long, State> states = new HashMap<>();

    RedLightRule(StopLine line, SignalTimeline signal, SceneCalibration scene) {
        this.line = line;
        this.signal = signal;
        this.scene = scene;
        this.minTimeIntoRed = scene.rules().minTimeIntoRedSeconds();
    }

    @Override
    public Optional<Violation> check(VehicleMotion v) {
        State s = states.computeIfAbsent(v.trackId(), k -> new State());
        if (s.decided || !line.covers(v.anchor())) return Optional.empty();
        if (!line.isWhollyPast(v.box())) {
            if (line.segment().signedDistance(v.anchor()) < -line.hysteresisPx()) {
                s.seenBefore = true;
                s.carried = false; // seen before the line on this track: its crossing will be seen
                s.lastBeforeMicros = v.timeMicros();
                s.laneBefore = scene.laneAt(v.anchor()).map(Lane::name).orElse(s.laneBefore);
            }
            return Optional.empty();
        }
        if (!s.seenBefore || !advancing(v)) return Optional.empty();
        s.decided = true;
        SignalState state = signal.at(v.timeMicros());
        if (!state.isRed()) return Optional.empty();
        double intoRed = state.secondsInto(v.timeMicros());
        if (s.carried) {
            // Crossed while unseen: on red for sure only if the same red was already on when it was last seen before
            // the line, and then only as far into red as that moment.
            if (state.onsetMicros() > s.lastBeforeMicros) return Optional.empty();
            intoRed = state.secondsInto(s.lastBeforeMicros);
        }
        if (intoRed < minTimeIntoRed) return Optional.empty();
        if (s.laneBefore != null && line.exemptLanes().contains(s.laneBefore)) return Optional.empty();
        return Optional.of(new Violation(ViolationType.RED_LIGHT, "red_light:" + line.name(), "crossed_on_red",
                v.trackId(), v.trafficClass(), v.timeMicros(), v.box(), line.name(), state, intoRed, null, false, s.lastBeforeMicros));
    }

    /**
     * The vehicle is really driving through: its anchor advanced in the controlled direction over the last half
     * second. A vehicle waiting on the line, whose box only jitters past it, is not.
     */
    private boolean advancing(VehicleMotion v) {
        VehicleMotion.Sample before = v.atLeastAgo(ADVANCE_WINDOW_MICROS);
        if (before == null) return true; // too young to tell; it was seen before the line, so it moved
        Segment line = this.line.segment();
        return line.signedDistance(v.anchor()) - line.signedDistance(before.anchor()) >= MIN_ADVANCE_PX;
    }

    /**
     * A vehicle the tracker lost before the line and found again as a new track: it keeps having been seen before
     * the line (a car missed by the detector for a few frames as it crosses is still judged), and the lost track
     * hands the judgement over, so the vehicle is judged once.
     */
    @Override
    public void continued(long fromTrackId, long toTrackId) {
        State from = states.get(fromTrackId);
        if (from == null || from.decided || !from.seenBefore || states.containsKey(toTrackId)) return;
        State to = new State();
        to.seenBefore = true;
        to.carried = true;
        to.lastBeforeMicros = from.lastBeforeMicros;
        to.laneBefore = from.laneBefore;
        states.put(toTrackId, to);
        from.decided = true;
    }

    @Override
    public void forget(long trackId) {
        states.remove(trackId);
    }
}
