package vn.matthan.detection.tracking;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import java.util.EnumMap;
import java.util.Map;

/** One vehicle followed across frames. Mutable; owned by its {@link VehicleTracker}. */
public final class Track {
    /** Life cycle: TENTATIVE → CONFIRMED ⇄ LOST → REMOVED; a tentative track that misses once is removed. */
    public enum Status { TENTATIVE, CONFIRMED, LOST, REMOVED }

    private final long id;
    private final KalmanBoxFilter filter;
    private final long firstFrame;
    private long lastSeenFrame;
    private int hits = 1;
    private double lastScore;
    private Box lastMatchedBox;
    private Status status = Status.TENTATIVE;
    private final Map<TrafficClass, Double> classVotes = new EnumMap<>(TrafficClass.class);

    Track(long id, Detection d, long frame) {
        this.id = id;
        this.filter = new KalmanBoxFilter(d.box());
        this.firstFrame = frame;
        this.lastSeenFrame = frame;
        this.lastScore = d.score();
        this.lastMatchedBox = d.box();
        vote(d);
    }

    public long id() {
        return id;
    }

    /** Filtered box (Kalman state) after this frame's update or prediction. */
    public Box box() {
        return filter.box();
    }

    public Status status() {
        return status;
    }

    public boolean isConfirmed() {
        return status == Status.CONFIRMED;
    }

    public double lastScore() {
        return lastScore;
    }

    public int hits() {
        return hits;
    }

    long firstFrame() {
        return firstFrame;
    }

    /** The detector's box of the last frame the vehicle was matched in (unfiltered: the pixels that show it). */
    public Box lastMatchedBox() {
        return lastMatchedBox;
    }

    long lastSeenFrame() {
        return lastSeenFrame;
    }

    /** The class most seen along the track, weighted by detector score. */
    public TrafficClass trafficClass() {
        return classVotes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * The vehicle was last seen cut by the frame border and moving out through it: it has left the picture, and
     * keeping its track would let it grab the next vehicle entering there.
     */
    boolean leftFrame(int width, int height) {
        Box b = lastMatchedBox;
        double m = 2;
        return (b.x1() <= m && filter.velocityX() < 0) || (b.x2() >= width - m && filter.velocityX() > 0)
                || (b.y1() <= m && filter.velocityY() < 0) || (b.y2() >= height - m && filter.velocityY() > 0);
    }

    void predict() {
        filter.predict();
    }

    void update(Detection d, long frame, int hitsToConfirm) {
        filter.update(d.box());
        lastScore = d.score();
        lastMatchedBox = d.box();
        lastSeenFrame = frame;
        hits++;
        vote(d);
        if (status == Status.LOST || (status == Status.TENTATIVE && hits >= hitsToConfirm)) status = Status.CONFIRMED;
    }

    void markLost() {
        status = Status.LOST;
    }

    void markRemoved() {
        status = Status.REMOVED;
    }

    private void vote(Detection d) {
        classVotes.merge(d.trafficClass(), d.score(), Double::sum);
    }
}
