package vn.matthan.detection.geometry;


/**
 * A straight piece of a scene line, with the side convention all scene lines share: positive is the right-hand
 * side when walking from {@code a} to {@code b} in image coordinates (y pointing down).
 */
public record Segment(Point a, Point b) {

    public double length() {
        return Math.hypot(b.x() - a.x(), b.y() - a.y());
    }

    /** Signed distance in pixels: positive on the right-hand side of a→b. */
    public double signedDistance(Point p) {
        double dx = b.x() - a.x(), dy = b.y() - a.y();
        return (dx * (p.y() - a.y()) - dy * (p.x() - a.x())) / Math.hypot(dx, dy);
    }

    /** Where the foot of p falls along a→b: 0 at a, 1 at b, outside [0, 1] beyond the ends. */
    public double along(Point p) {
        double dx = b.x() - a.x(), dy = b.y() - a.y();
        return ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / (dx * dx + dy * dy);
    }

    /** Distance in pixels from p to the nearest point of the segment (its ends included). */
    public double distanceTo(Point p) {
        double len2 = (b.x() - a.x()) * (b.x() - a.x()) + (b.y() - a.y()) * (b.y() - a.y());
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, along(p)));
        return Math.hypot(a.x() + t * (b.x() - a.x()) - p.x(), a.y() + t * (b.y() - a.y()) - p.y());
    }

    /** True when the movement p→q passes between this segment's end points (not beyond its ends). */
    public boolean spannedBy(Point p, Point q) {
        double dx = q.x() - p.x(), dy = q.y() - p.y();
        if (dx == 0 && dy == 0) return false;
        double s1 = dx * (a.y() - p.y()) - dy * (a.x() - p.x());
        double s2 = dx * (b.y() - p.y()) - dy * (b.x() - p.x());
        return s1 * s2 <= 0;
    }

    /** Proper or touching intersection of two segments. */
    public boolean intersects(Segment o) {
        double d1 = cross(o.a, o.b, a), d2 = cross(o.a, o.b, b), d3 = cross(a, b, o.a), d4 = cross(a, b, o.b);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
        return (d1 == 0 && onSegment(o.a, o.b, a)) || (d2 == 0 && onSegment(o.a, o.b, b))
                || (d3 == 0 && onSegment(a, b, o.a)) || (d4 == 0 && onSegment(a, b, o.b));
    }

    private static double cross(Point o, Point p, Point q) {
        return (p.x() - o.x()) * (q.y() - o.y()) - (p.y() - o.y()) * (q.x() - o.x());
    }

    private static boolean onSegment(Point p, Point q, Point r) {
        return Math.min(p.x(), q.x()) <= r.x() && r.x() <= Math.max(p.x(), q.x())
                && Math.min(p.y(), q.y()) <= r.y() && r.y() <= Math.max(p.y(), q.y());
    }
}
