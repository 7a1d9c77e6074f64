package vn.matthan.detection.geometry;

/** A point in frame pixels (x right, y down). */
public record Point(double x, double y) {
}
