package vn.matthan.detection.tracking;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Multi-object tracker of the ByteTrack family: constant-velocity Kalman prediction, then IoU association in
 * stages — confirmed and lost tracks with high-score detections, tentative tracks with the high-score
 * detections left, then every still unmatched track with low-score detections (keeps
 * identities through partial occlusion and score flicker without spawning ghosts from them); new tracks only
 * from sure detections. Unlike ByteTrack, a tentative track may be extended by a low-score detection, so an
 * object whose score flickers around the threshold still gets confirmed. A sure detection that would start a new
 * track next to a lost one first gets a recovery stage with widened boxes (see {@link #recover}).
 * Tracks never match detections of the other wheel family (two-wheelers vs cars, buses, trucks), and with the
 * frame size known, a track that leaves through the frame border is dropped instead of coasting there.
 * Only confirmed tracks are handed to rules and counters.
 */
public final class VehicleTracker {
    private final TrackerSettings s;
    private final int frameWidth, frameHeight; // 0 when unknown
    private final List<Track> tracks = new ArrayList<>(); // tentative, confirmed and lost
    private long nextId = 1;
    private long frame;
    private long updates;

    public VehicleTracker(TrackerSettings settings) {
        this(settings, 0, 0);
    }

    /** With the frame size, a track that drives out of the picture is dropped at once instead of coasting. */
    public VehicleTracker(TrackerSettings settings, int frameWidth, int frameHeight) {
        this.s = settings;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
    }

    public VehicleTracker() {
        this(TrackerSettings.defaults());
    }

    /** Feeds one frame's detections; returns the confirmed tracks matched in this frame. */
    public List<Track> update(List<Detection> detections) {
        frame++;
        List<Detection> high = new ArrayList<>(), low = new ArrayList<>();
        for (Detection d : detections) {
            if (d.score() >= s.highScore()) high.add(d);
            else if (d.score() >= s.lowScore()) low.add(d);
        }
        for (Track t : tracks) t.predict();

        List<Track> confirmedOrLost = new ArrayList<>(), tentative = new ArrayList<>();
        for (Track t : tracks) (t.status() == Track.Status.TENTATIVE ? tentative : confirmedOrLost).add(t);

        Set<Track> matched = new HashSet<>();
        List<Detection> highLeft = associate(confirmedOrLost, high, s.firstStageIou(), matched);
        List<Detection> newLeft = associate(tentative, highLeft, s.tentativeIou(), matched);
        newLeft = recover(newLeft, matched);
        // Doubtful detections only extend existing tracks (never start one), at the stricter IoU. Lost tracks take
        // part: a vehicle the detector finds at 0.3-0.5 (a parked car, a dark one in shade) would otherwise never come
        // back after one missed frame (ByteTrack keeps lost tracks out of this stage; a stationary vehicle then loses
        // its identity, and a parking rule its clock).
        List<Track> stillOpen = tracks.stream().filter(t -> !matched.contains(t)).toList();
        associate(stillOpen, low, s.secondStageIou(), matched);

        for (Track t : tracks) {
            if (matched.contains(t)) continue;
            if (t.status() == Track.Status.TENTATIVE) t.markRemoved();
            else if (t.status() == Track.Status.CONFIRMED) t.markLost();
            if (t.status() == Track.Status.LOST && frameWidth > 0 && t.leftFrame(frameWidth, frameHeight)) t.markRemoved();
            if (t.status() == Track.Status.LOST && frame - t.lastSeenFrame() > s.maxLostFrames()) t.markRemoved();
        }
        tracks.removeIf(t -> t.status() == Track.Status.REMOVED);
        for (Detection d : newLeft) {
            if (d.score() >= s.newTrackScore()) tracks.add(new Track(nextId++, d, frame));
        }
        removeDuplicates();
        updates += matched.size();
        return tracks.stream().filter(t -> matched.contains(t) && t.isConfirmed()).toList();
    }

    /**
     * Recovery stage: a sure detection that no track explains and that lies near a track lost a moment ago
     * ({@code recoveryMaxLostFrames}) is that vehicle again, not a new one. A vehicle that swerves (a lane change across a solid line, an evasive turn) or is missed
     * for a few frames leaves its constant-velocity prediction, so plain IoU no longer overlaps; comparing both boxes
     * widened by {@code recoveryBuffer} of their size (C-BIoU) bridges that. Only lost tracks and only detections
     * that would otherwise start a track take part, so no live identity is moved. Both the prediction and the last
     * seen box are tried (OC-SORT's observation-centric recovery): whichever is nearer. Kept short on purpose: a
     * track lost for longer, or predicted out of the picture, would catch the next car entering or parked there.
     */
    private List<Detection> recover(List<Detection> dets, Set<Track> matched) {
        if (s.recoveryBuffer() <= 0 || dets.isEmpty()) return dets;
        List<Track> lost = tracks.stream().filter(t -> t.status() == Track.Status.LOST && !matched.contains(t)
                && frame - t.lastSeenFrame() <= s.recoveryMaxLostFrames() && insideFrame(t.box())).toList();
        double b = s.recoveryBuffer();
        return associate(lost, dets, s.firstStageIou(), matched, (t, d) -> {
            if (!similarSize(t.lastMatchedBox(), d.box())) return 0;
            Box w = d.box().widened(b);
            return Math.max(t.box().widened(b).iou(w), t.lastMatchedBox().widened(b).iou(w));
        });
    }

    /** A prediction reaching past the frame border is a vehicle that drove out, not one hidden in the picture. */
    private boolean insideFrame(Box b) {
        return frameWidth == 0 || (b.x1() >= 0 && b.y1() >= 0 && b.x2() <= frameWidth && b.y2() <= frameHeight);
    }

    /** Same vehicle, seen a moment apart: its box area changes by less than half (or double). */
    private static boolean similarSize(Box a, Box b) {
        double r = a.area() / b.area();
        return r > 0.5 && r < 2;
    }

    /** Matches by minimum total (1 − IoU); returns the detections left over. */
    private List<Detection> associate(List<Track> pool, List<Detection> dets, double minIou, Set<Track> matched) {
        return associate(pool, dets, minIou, matched, (t, d) -> t.box().iou(d.box()));
    }

    /** How well a detection fits a track, 0 (not at all) to 1, like an IoU. */
    private interface Fit {
        double of(Track t, Detection d);
    }

    /** Matches by minimum total (1 − fit), never across wheel families; returns the detections left over. */
    private List<Detection> associate(List<Track> pool, List<Detection> dets, double minFit, Set<Track> matched, Fit fit) {
        if (pool.isEmpty() || dets.isEmpty()) return dets;
        double[][] cost = new double[pool.size()][dets.size()];
        for (int i = 0; i < pool.size(); i++) {
            Track t = pool.get(i);
            boolean twoWheels = t.trafficClass().isTwoWheeler();
            for (int j = 0; j < dets.size(); j++) {
                // A car never turns into a motorbike: such a match is an identity switch (e.g. at the frame edge).
                cost[i][j] = dets.get(j).trafficClass().isTwoWheeler() != twoWheels ? 1 : 1 - fit.of(t, dets.get(j));
            }
        }
        boolean[] used = new boolean[dets.size()];
        for (int[] m : Assignment.solve(cost, 1 - minFit)) {
            Track t = pool.get(m[0]);
            t.update(dets.get(m[1]), frame, s.hitsToConfirm());
            matched.add(t);
            used[m[1]] = true;
        }
        List<Detection> left = new ArrayList<>();
        for (int j = 0; j < dets.size(); j++) if (!used[j]) left.add(dets.get(j));
        return left;
    }

    /** A lost track that coasted onto a live one is the same vehicle seen twice: the shorter history goes. */
    private void removeDuplicates() {
        Set<Track> drop = new HashSet<>();
        for (Track a : tracks) {
            if (a.status() != Track.Status.CONFIRMED) continue;
            for (Track b : tracks) {
                if (b.status() != Track.Status.LOST || a.box().iou(b.box()) <= 0.85) continue;
                long ageA = frame - a.firstFrame(), ageB = frame - b.firstFrame();
                drop.add(ageA >= ageB ? b : a);
            }
        }
        tracks.removeAll(drop);
    }

    public List<Track> tracks() {
        return List.copyOf(tracks);
    }

    /** Track-detection matches made so far (the tracker's unit of work, for benchmarks). */
    public long updates() {
        return updates;
    }
}
