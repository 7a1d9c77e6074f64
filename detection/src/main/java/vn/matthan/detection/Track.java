package vn.matthan.detection;

import java.util.EnumMap;
import java.util.Map;

/** One vehicle followed across frames. Mutable; owned by its {@link VehicleTracker}. */
public final class Track {
    public enum Status { TENTATIVE, CONFIRMED, LOST }

    private final long id;
    private Box box;
    private double vx1, vy1, vx2, vy2; // per-frame box velocity, smoothed
    private int hits = 1;
    private int misses;
    private double lastScore;
    private Status status = Status.TENTATIVE;
    private final Map<TrafficClass, Double> classVotes = new EnumMap<>(TrafficClass.class);

    Track(long id, Detection d) {
        this.id = id;
        this.box = d.box();
        this.lastScore = d.score();
        vote(d);
    }

    public long id() {
        return id;
    }

    public Box box() {
        return box;
    }

    public Status status() {
        return status;
    }

    public boolean isConfirmed() {
        return status == Status.CONFIRMED;
    }

    public int misses() {
        return misses;
    }

    public double lastScore() {
        return lastScore;
    }

    /** The class most seen along the track, weighted by detector score. */
    public TrafficClass trafficClass() {
        return classVotes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Where the box should be in the next frame under constant velocity. */
    Box predicted() {
        return new Box(box.x1() + vx1, box.y1() + vy1, box.x2() + vx2, box.y2() + vy2);
    }

    void update(Detection d, int hitsToConfirm) {
        double a = 0.5; // velocity smoothing
        vx1 = a * (d.box().x1() - box.x1()) + (1 - a) * vx1;
        vy1 = a * (d.box().y1() - box.y1()) + (1 - a) * vy1;
        vx2 = a * (d.box().x2() - box.x2()) + (1 - a) * vx2;
        vy2 = a * (d.box().y2() - box.y2()) + (1 - a) * vy2;
        box = d.box();
        lastScore = d.score();
        hits++;
        misses = 0;
        vote(d);
        if (status != Status.CONFIRMED && hits >= hitsToConfirm) status = Status.CONFIRMED;
        else if (status == Status.LOST) status = Status.CONFIRMED;
    }

    void miss() {
        misses++;
        box = predicted();
        if (status == Status.CONFIRMED) status = Status.LOST;
    }

    private void vote(Detection d) {
        classVotes.merge(d.trafficClass(), d.score(), Double::sum);
    }
}
