package vn.matthan.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps identities of vehicles across frames: constant-velocity prediction, greedy IoU association
 * (best pairs first), tentative → confirmed after {@code hitsToConfirm} hits, lost while unmatched,
 * removed after {@code maxMisses}. Only confirmed tracks are handed to rules and counters.
 */
public final class VehicleTracker {
    private final double minIou;
    private final int hitsToConfirm;
    private final int maxMisses;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    public VehicleTracker(double minIou, int hitsToConfirm, int maxMisses) {
        this.minIou = minIou;
        this.hitsToConfirm = hitsToConfirm;
        this.maxMisses = maxMisses;
    }

    /** Feeds one frame's vehicle detections; returns the tracks confirmed and seen in this frame. */
    public List<Track> update(List<Detection> detections) {
        record Pair(Track t, Detection d, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Track t : tracks) {
            Box p = t.predicted();
            for (Detection d : detections) {
                double iou = p.iou(d.box());
                if (iou >= minIou) pairs.add(new Pair(t, d, iou));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        List<Track> matched = new ArrayList<>();
        List<Detection> used = new ArrayList<>();
        for (Pair p : pairs) {
            if (matched.contains(p.t) || used.contains(p.d)) continue;
            p.t.update(p.d, hitsToConfirm);
            matched.add(p.t);
            used.add(p.d);
        }
        for (Track t : tracks) {
            if (!matched.contains(t)) t.miss();
        }
        tracks.removeIf(t -> t.misses() > maxMisses || (t.status() == Track.Status.TENTATIVE && t.misses() > 0));
        for (Detection d : detections) {
            if (!used.contains(d)) tracks.add(new Track(nextId++, d));
        }
        removeDuplicates();
        return matched.stream().filter(t -> t.isConfirmed() && tracks.contains(t)).toList();
    }

    /** Two tracks on one vehicle (a lost track re-found next to its own successor): the older id stays. */
    private void removeDuplicates() {
        List<Track> drop = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            for (int j = i + 1; j < tracks.size(); j++) {
                Track a = tracks.get(i), b = tracks.get(j);
                if (a.isConfirmed() && b.isConfirmed() && a.box().iou(b.box()) > 0.7) {
                    drop.add(a.id() < b.id() ? b : a);
                }
            }
        }
        tracks.removeAll(drop);
    }

    public List<Track> tracks() {
        return List.copyOf(tracks);
    }
}
