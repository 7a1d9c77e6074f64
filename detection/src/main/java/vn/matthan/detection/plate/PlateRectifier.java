package vn.matthan.detection.plate;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.scene.GroundPlane;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

/**
 * Straightens a plate seen at an angle: the four corners (slightly widened, as detectors cut tight) are mapped to an
 * upright rectangle with the plate's own proportions (OpenCV perspective warp). The result is packed BGR.
 */
public final class PlateRectifier {
    /** An upright plate image. */
    public record Plate(byte[] bgr, int width, int height) {
    }

    private PlateRectifier() {
    }

    public static Plate rectify(byte[] frame, int width, int height, List<Point> corners, double margin) {
        List<Point> c = widen(corners, margin);
        double w = (PlateLocator.dist(c.get(0), c.get(1)) + PlateLocator.dist(c.get(3), c.get(2))) / 2;
        double h = (PlateLocator.dist(c.get(0), c.get(3)) + PlateLocator.dist(c.get(1), c.get(2))) / 2;
        double scale = Math.max(1, 192 / Math.max(w, 1)); // small plates are enlarged for the reader
        int ow = Math.max(16, (int) Math.round(w * scale)), oh = Math.max(8, (int) Math.round(h * scale));
        byte[] out = new byte[ow * oh * 3];
        try (BytePointer src = new BytePointer(frame); Mat in = new Mat(height, width, CV_8UC3, src);
             Mat from = GroundPlane.points(c); Mat to = GroundPlane.points(List.of(new Point(0, 0), new Point(ow, 0), new Point(ow, oh), new Point(0, oh)));
             Mat m = getPerspectiveTransform(from, to); Mat plate = new Mat()) {
            warpPerspective(in, plate, m, new Size(ow, oh), INTER_LINEAR, 1 /* BORDER_REPLICATE */, new org.bytedeco.opencv.opencv_core.Scalar());
            plate.data().get(out);
        }
        return new Plate(out, ow, oh);
    }

    /** Moves each corner away from the centre by {@code margin} of the plate size. */
    static List<Point> widen(List<Point> c, double margin) {
        double cx = 0, cy = 0;
        for (Point p : c) {
            cx += p.x() / 4;
            cy += p.y() / 4;
        }
        List<Point> out = new ArrayList<>(4);
        for (Point p : c) out.add(new Point(cx + (p.x() - cx) * (1 + margin), cy + (p.y() - cy) * (1 + margin)));
        return out;
    }

    /** The top and bottom halves of a two-line plate, split where the rows meet. */
    public static Plate[] rows(Plate p) {
        int half = p.height() / 2;
        return new Plate[]{crop(p, 0, Math.min(p.height(), half + p.height() / 20)), crop(p, Math.max(0, half - p.height() / 20), p.height())};
    }

    private static Plate crop(Plate p, int y1, int y2) {
        byte[] out = new byte[p.width() * (y2 - y1) * 3];
        System.arraycopy(p.bgr(), y1 * p.width() * 3, out, 0, out.length);
        return new Plate(out, p.width(), y2 - y1);
    }
}
