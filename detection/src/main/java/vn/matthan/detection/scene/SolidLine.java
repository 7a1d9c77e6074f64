package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.geometry.Point;

import java.util.ArrayList;
import java.util.List;

/** A continuous lane marking that no vehicle may cross, as a polyline in frame pixels. */
public record SolidLine(String name, List<Point> points, double hysteresisPx) {

    public SolidLine {
        points = List.copyOf(points);
        if (points.size() < 2) throw new IllegalArgumentException("solid line '" + name + "' needs at least 2 points");
    }

    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) out.add(new Segment(points.get(i), points.get(i + 1)));
        return out;
    }
}
