package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.scene.SolidLine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LANE: a vehicle's ground anchor crosses a solid lane line: it changes side of one of the line's segments
 * (outside a dead band of {@code hysteresis_px}, so wheels riding the marking are not a crossing) and the
 * movement passes between that segment's ends.
 */
final class SolidLineRule implements TrackRule {
    /** Last side (outside the dead band) of each segment, and where the anchor was then. */
    private static final class Sides {
        final int[] side;
        final Point[] at;

        Sides(int n) {
            side = new int[n];
            at = new Point[n];
        }
    }

    private final SolidLine line;
    private final List<Segment> segments;
    private final Map<Long, Sides> tracks = new HashMap<>();

    SolidLineRule(SolidLine line) {
        this.line = line;
        this.segments = line.segments();
    }

    @Override
    public Optional<Violation> check(VehicleMotion v) {
        Sides s = tracks.computeIfAbsent(v.trackId(), k -> new Sides(segments.size()));
        Point p = v.anchor();
        boolean crossed = false;
        for (int i = 0; i < segments.size(); i++) {
            Segment seg = segments.get(i);
            double d = seg.signedDistance(p);
            int side = d > line.hysteresisPx() ? 1 : d < -line.hysteresisPx() ? -1 : 0;
            if (side == 0) continue;
            if (s.side[i] != 0 && s.side[i] != side && seg.spannedBy(s.at[i], p)) crossed = true;
            s.side[i] = side;
            s.at[i] = p;
        }
        return crossed ? Optional.of(Violation.of(ViolationType.LANE, "solid_line:" + line.name(), "solid_line_crossed", v, line.name()))
                : Optional.empty();
    }

    @Override
    public void forget(long trackId) {
        tracks.remove(trackId);
    }
}
