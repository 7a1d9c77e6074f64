package vn.matthan.detection;

/** A point in frame pixels (x right, y down). */
public record Point(double x, double y) {
}
