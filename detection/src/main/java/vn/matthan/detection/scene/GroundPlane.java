package vn.matthan.detection.scene;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import vn.matthan.detection.geometry.Point;

import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;

/**
 * Maps frame pixels on the road surface to metres on the road plane, from four image points whose road
 * positions are known (e.g. lane-marking corners measured on site). Needed for speeds and metric distances.
 */
public final class GroundPlane {
    private final List<Point> image;
    private final List<Point> world;
    private final double[] h = new double[9];
    private final double[] inv = new double[9];

    public GroundPlane(List<Point> image, List<Point> world) {
        if (image.size() != 4 || world.size() != 4) throw new IllegalArgumentException("needs exactly 4 image and 4 road points");
        requireNoThreeCollinear(image, "image");
        requireNoThreeCollinear(world, "road");
        this.image = List.copyOf(image);
        this.world = List.copyOf(world);
        try (Mat src = points(image); Mat dst = points(world); Mat m = getPerspectiveTransform(src, dst);
             DoubleIndexer idx = m.createIndexer()) {
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) h[r * 3 + c] = idx.get(r, c);
        }
        for (double v : h) if (!Double.isFinite(v)) throw new IllegalArgumentException("the points give no valid road plane");
        invert(h, inv);
    }

    /** Image point of a road position in metres (the inverse of {@link #toRoad}). */
    public Point toImage(Point road) {
        double w = inv[6] * road.x() + inv[7] * road.y() + inv[8];
        return new Point((inv[0] * road.x() + inv[1] * road.y() + inv[2]) / w, (inv[3] * road.x() + inv[4] * road.y() + inv[5]) / w);
    }

    /** 3×3 inverse by cofactors (the scale of a homography does not matter, so no division by the determinant). */
    private static void invert(double[] m, double[] out) {
        out[0] = m[4] * m[8] - m[5] * m[7];
        out[1] = m[2] * m[7] - m[1] * m[8];
        out[2] = m[1] * m[5] - m[2] * m[4];
        out[3] = m[5] * m[6] - m[3] * m[8];
        out[4] = m[0] * m[8] - m[2] * m[6];
        out[5] = m[2] * m[3] - m[0] * m[5];
        out[6] = m[3] * m[7] - m[4] * m[6];
        out[7] = m[1] * m[6] - m[0] * m[7];
        out[8] = m[0] * m[4] - m[1] * m[3];
    }

    public List<Point> imagePoints() {
        return image;
    }

    public List<Point> roadPoints() {
        return world;
    }

    /** Road position in metres of an image point on the road surface. */
    public Point toRoad(Point p) {
        double w = h[6] * p.x() + h[7] * p.y() + h[8];
        return new Point((h[0] * p.x() + h[1] * p.y() + h[2]) / w, (h[3] * p.x() + h[4] * p.y() + h[5]) / w);
    }

    public double metresBetween(Point imageA, Point imageB) {
        Point a = toRoad(imageA), b = toRoad(imageB);
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** Four points as the 4×1 CV_32FC2 matrix OpenCV's perspective functions take. */
    public static Mat points(List<Point> ps) {
        float[] f = new float[8];
        for (int i = 0; i < 4; i++) {
            f[2 * i] = (float) ps.get(i).x();
            f[2 * i + 1] = (float) ps.get(i).y();
        }
        Mat m = new Mat(4, 1, CV_32FC2);
        new FloatPointer(m.data()).put(f);
        return m;
    }

    private static void requireNoThreeCollinear(List<Point> ps, String which) {
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                for (int k = j + 1; k < 4; k++) {
                    Point a = ps.get(i), b = ps.get(j), c = ps.get(k);
                    double cross = (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
                    if (Math.abs(cross) < 1e-6) throw new IllegalArgumentException("three of the " + which + " points lie on one line");
                }
            }
        }
    }
}
