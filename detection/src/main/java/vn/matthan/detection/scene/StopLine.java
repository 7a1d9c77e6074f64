package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;

import java.util.Set;

/**
 * The line vehicles must not pass while their signal group is red. The controlled direction goes to the
 * right-hand side of {@code from}→{@code to} (y down), like every scene line.
 *
 * @param exemptLanes lanes whose vehicles may pass on red (e.g. a signed right turn on red)
 * @param hysteresisPx a box counts as wholly past only when every corner is at least this far beyond the line
 */
public record StopLine(String name, Point from, Point to, String signalGroup, Set<String> exemptLanes,
                       double hysteresisPx) {

    public StopLine {
        if (from.equals(to)) throw new IllegalArgumentException("stop line '" + name + "' has zero length");
        exemptLanes = Set.copyOf(exemptLanes);
    }

    public Segment segment() {
        return new Segment(from, to);
    }

    /** Every corner of the box is beyond the line (in the controlled direction). */
    public boolean isWhollyPast(Box b) {
        Segment s = segment();
        return s.signedDistance(new Point(b.x1(), b.y1())) > hysteresisPx && s.signedDistance(new Point(b.x2(), b.y1())) > hysteresisPx
                && s.signedDistance(new Point(b.x1(), b.y2())) > hysteresisPx && s.signedDistance(new Point(b.x2(), b.y2())) > hysteresisPx;
    }

    /** The vehicle's ground anchor is over the stretch of road the line covers (between its ends). */
    public boolean covers(Point anchor) {
        double t = segment().along(anchor);
        return t >= 0 && t <= 1;
    }
}
