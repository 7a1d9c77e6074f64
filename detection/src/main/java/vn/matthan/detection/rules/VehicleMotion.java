package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.tracking.Track;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * What the rules know about one confirmed vehicle: its recent boxes and ground anchors with their times.
 * The ground anchor (bottom centre of the box) is corrected at the frame edges: a box cut by the edge keeps the
 * size it had when fully visible, so a vehicle leaving the frame still reaches a line drawn close to the edge
 * instead of its anchor stalling at half the visible width.
 */
public final class VehicleMotion {
    /** One frame of the vehicle. {@code atEdge}: the box touched the frame border, so its size was not trusted. */
    public record Sample(long timeMicros, Box box, Point anchor, boolean atEdge) {
    }

    private static final double EDGE_PX = 2;
    private static final long KEEP_MICROS = 4_000_000;

    private final long trackId;
    private final int frameWidth, frameHeight;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private TrafficClass trafficClass;
    private double fullWidth = -1, fullHeight = -1;

    public VehicleMotion(long trackId, int frameWidth, int frameHeight) {
        this.trackId = trackId;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
    }

    public void add(long timeMicros, Box b, TrafficClass cls) {
        trafficClass = cls;
        boolean left = b.x1() <= EDGE_PX, right = b.x2() >= frameWidth - EDGE_PX, bottom = b.y2() >= frameHeight - EDGE_PX;
        boolean atEdge = left || right || bottom || b.y1() <= EDGE_PX;
        if (!atEdge) {
            fullWidth = b.width();
            fullHeight = b.height();
        }
        double x = (b.x1() + b.x2()) / 2, y = b.y2();
        if (fullWidth > 0 && left && !right) x = b.x2() - fullWidth / 2;
        else if (fullWidth > 0 && right && !left) x = b.x1() + fullWidth / 2;
        if (fullHeight > 0 && bottom) y = b.y1() + fullHeight;
        samples.addLast(new Sample(timeMicros, b, new Point(x, y), atEdge));
        while (samples.size() > 2 && timeMicros - samples.peekFirst().timeMicros() > KEEP_MICROS) samples.pollFirst();
    }

    void add(long timeMicros, Track t) {
        add(timeMicros, t.box(), t.trafficClass());
    }

    public long trackId() {
        return trackId;
    }

    public TrafficClass trafficClass() {
        return trafficClass;
    }

    public Sample now() {
        return samples.peekLast();
    }

    public Box box() {
        return now().box();
    }

    public Point anchor() {
        return now().anchor();
    }

    public long timeMicros() {
        return now().timeMicros();
    }

    /** The latest sample at least {@code micros} older than now, or null when the history is shorter. */
    public Sample atLeastAgo(long micros) {
        long limit = timeMicros() - micros;
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (s.timeMicros() <= limit) return s;
        }
        return null;
    }
}
