package vn.matthan.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns confirmed tracks into crossings of the scene's count lines: each track counts at most once per line
 * (a box wobbling back over the line is the same vehicle, not a second passage); sides are tracked with
 * hysteresis; tracks first seen past the line do not count.
 */
public final class PassageCounter {
    public record Crossing(Track track, CountLine line, CountLine.Direction direction) {
    }

    private final List<CountLine> lines;
    private final Map<Long, Map<String, Point>> lastAnchor = new HashMap<>();
    private final Map<Long, Map<String, Integer>> stableSide = new HashMap<>();
    private final Set<String> counted = new HashSet<>();

    public PassageCounter(List<CountLine> lines) {
        this.lines = List.copyOf(lines);
    }

    public List<Crossing> update(List<Track> confirmed) {
        List<Crossing> out = new ArrayList<>();
        for (Track t : confirmed) {
            Point now = t.box().bottomCenter();
            for (CountLine line : lines) {
                int side = line.side(now);
                Map<String, Integer> sides = stableSide.computeIfAbsent(t.id(), k -> new HashMap<>());
                Map<String, Point> anchors = lastAnchor.computeIfAbsent(t.id(), k -> new HashMap<>());
                Integer before = sides.get(line.name());
                Point prev = anchors.get(line.name());
                if (side != 0) {
                    if (before != null && before != side && prev != null && line.spans(prev, now)) {
                        CountLine.Direction dir = side > 0 ? CountLine.Direction.FORWARD : CountLine.Direction.BACKWARD;
                        if (counted.add(t.id() + "|" + line.name())) out.add(new Crossing(t, line, dir));
                    }
                    sides.put(line.name(), side);
                    anchors.put(line.name(), now);
                }
            }
        }
        return out;
    }

    /** Forgets tracks that the tracker removed, so memory stays bounded on a 24/7 stream. */
    public void retain(Set<Long> liveTrackIds) {
        lastAnchor.keySet().retainAll(liveTrackIds);
        stableSide.keySet().retainAll(liveTrackIds);
        counted.removeIf(k -> !liveTrackIds.contains(Long.parseLong(k.substring(0, k.indexOf('|')))));
    }
}
