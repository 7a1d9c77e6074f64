package vn.matthan.detection.geometry;

/** A point in frame pixels (x right, y down). */
public record Point(double x, double y) {

    public double distance(Point o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
