package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.geometry.Point;

/**
 * A virtual line across the road. A vehicle is counted when its ground anchor (box bottom centre) moves
 * from one side to the other through the segment. {@code forward} means crossing to the right-hand side
 * of the line when walking from {@code from} to {@code to} in image coordinates (y pointing down).
 *
 * @param hysteresisPx an anchor closer than this to the line keeps its previous side, so jitter on the
 *                     line never counts twice
 */
public record CountLine(String name, Point from, Point to, double hysteresisPx) {

    public enum Direction { FORWARD, BACKWARD }

    public CountLine {
        if (from.equals(to)) throw new IllegalArgumentException("count line '" + name + "' has zero length");
        if (hysteresisPx < 0) throw new IllegalArgumentException("count line '" + name + "': hysteresis_px must be >= 0");
    }

    public Segment segment() {
        return new Segment(from, to);
    }

    /** Side of a point with hysteresis: +1, -1, or 0 inside the dead band. */
    public int side(Point p) {
        double d = segment().signedDistance(p);
        return d > hysteresisPx ? 1 : d < -hysteresisPx ? -1 : 0;
    }

    /** True when the movement a→b passes between the line's end points (not beyond its ends). */
    public boolean spans(Point a, Point b) {
        return segment().spannedBy(a, b);
    }
}
