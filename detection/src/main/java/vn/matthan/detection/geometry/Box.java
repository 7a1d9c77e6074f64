package vn.matthan.detection.geometry;

/** Axis-aligned box in original frame pixels, {@code x1 <= x2}, {@code y1 <= y2}. */
public record Box(double x1, double y1, double x2, double y2) {

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    /** Where a vehicle touches the road: the anchor used for lines and zones. */
    public Point bottomCenter() {
        return new Point((x1 + x2) / 2, y2);
    }

    /** Whether {@code o} lies wholly inside this box. */
    public boolean contains(Box o) {
        return o.x1 >= x1 && o.y1 >= y1 && o.x2 <= x2 && o.y2 <= y2;
    }

    /** This box grown by {@code fraction} of its width on the left and right and of its height above and below. */
    public Box widened(double fraction) {
        double dx = width() * fraction, dy = height() * fraction;
        return new Box(x1 - dx, y1 - dy, x2 + dx, y2 + dy);
    }

    public double iou(Box o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }
}
