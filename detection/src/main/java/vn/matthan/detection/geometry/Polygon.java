package vn.matthan.detection.geometry;


import java.util.ArrayList;
import java.util.List;

/** A simple (non-self-intersecting) polygon in frame pixels, such as a lane's area on the road. */
public record Polygon(List<Point> vertices) {

    public Polygon {
        vertices = List.copyOf(vertices);
        if (vertices.size() < 3) throw new IllegalArgumentException("a polygon needs at least 3 points");
    }

    public List<Segment> edges() {
        List<Segment> out = new ArrayList<>(vertices.size());
        for (int i = 0; i < vertices.size(); i++) out.add(new Segment(vertices.get(i), vertices.get((i + 1) % vertices.size())));
        return out;
    }

    /** Even-odd rule; points exactly on an edge may fall either way. */
    public boolean contains(Point p) {
        boolean in = false;
        for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
            Point a = vertices.get(i), b = vertices.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) in = !in;
        }
        return in;
    }

    /** The first pair of non-adjacent edges that cross, as "edge i and edge j", or null when the polygon is simple. */
    public String selfIntersection() {
        List<Segment> e = edges();
        int n = e.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 2; j < n; j++) {
                if (i == 0 && j == n - 1) continue; // adjacent through the closing vertex
                if (e.get(i).intersects(e.get(j))) return "edge " + i + " crosses edge " + j;
            }
        }
        return null;
    }

    public double area() {
        double s = 0;
        for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
            s += vertices.get(j).x() * vertices.get(i).y() - vertices.get(i).x() * vertices.get(j).y();
        }
        return Math.abs(s) / 2;
    }
}
