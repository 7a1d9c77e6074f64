package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.scene.CountLine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns confirmed vehicles into crossings of the scene's count lines: each track counts at most once per line
 * (a box wobbling back over the line is the same vehicle, not a second passage); sides are tracked with
 * hysteresis; tracks first seen past the line do not count.
 */
public final class PassageCounter {
    public record Crossing(VehicleMotion vehicle, CountLine line, CountLine.Direction direction) {
    }

    /** What one track has done relative to one line: its last side outside the dead band, where, and if counted. */
    private static final class LineState {
        int side;
        Point anchor;
        boolean counted;
    }

    private final List<CountLine> lines;
    private final Map<Long, Map<String, LineState>> byTrack = new HashMap<>();

    public PassageCounter(List<CountLine> lines) {
        this.lines = List.copyOf(lines);
    }

    public List<Crossing> update(List<VehicleMotion> vehicles) {
        List<Crossing> out = new ArrayList<>();
        for (VehicleMotion v : vehicles) {
            Point now = v.anchor();
            Map<String, LineState> states = byTrack.computeIfAbsent(v.trackId(), k -> new HashMap<>());
            for (CountLine line : lines) {
                int side = line.side(now);
                if (side == 0) continue;
                LineState s = states.get(line.name());
                if (s == null) {
                    s = new LineState();
                    states.put(line.name(), s);
                } else if (s.side != side && !s.counted && line.spans(s.anchor, now)) {
                    s.counted = true;
                    out.add(new Crossing(v, line, side > 0 ? CountLine.Direction.FORWARD : CountLine.Direction.BACKWARD));
                }
                s.side = side;
                s.anchor = now;
            }
        }
        return out;
    }

    /** Forgets tracks that the tracker removed, so memory stays bounded on a 24/7 stream. */
    public void retain(Set<Long> liveTrackIds) {
        byTrack.keySet().retainAll(liveTrackIds);
    }
}
