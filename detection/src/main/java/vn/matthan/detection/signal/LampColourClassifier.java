package vn.matthan.detection.signal;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import vn.matthan.detection.scene.SignalGroup;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Which lamp of a signal head is lit, from the colour of its region in the frame: HSV thresholds (OpenCV) count
 * the bright, saturated pixels of each lamp colour; the colour with most such pixels wins if it covers at least
 * {@code minLitFraction} of the region, otherwise the head is dark (UNKNOWN).
 */
public final class LampColourClassifier {
    // OpenCV hue is 0..179. Red wraps around 0.
    private static final double[][] RED = {{0, 100, 140}, {10, 255, 255}}, RED_HIGH = {{160, 100, 140}, {179, 255, 255}};
    private static final double[][] AMBER = {{11, 100, 140}, {35, 255, 255}};
    private static final double[][] GREEN = {{40, 80, 120}, {95, 255, 255}};

    private final SignalGroup.Region region;
    private final double minLitFraction;

    public LampColourClassifier(SignalGroup.Region region, double minLitFraction) {
        this.region = region;
        this.minLitFraction = minLitFraction;
    }

    public LampColourClassifier(SignalGroup.Region region) {
        this(region, 0.03);
    }

    /** Classifies the region of a packed BGR24 frame of the given size. */
    public SignalPhase classify(byte[] bgr, int width, int height) {
        if (region.x() + region.width() > width || region.y() + region.height() > height) {
            throw new IllegalArgumentException("light region " + region + " is outside the " + width + "x" + height + " frame");
        }
        byte[] roi = new byte[region.width() * region.height() * 3];
        for (int r = 0; r < region.height(); r++) {
            System.arraycopy(bgr, ((region.y() + r) * width + region.x()) * 3, roi, r * region.width() * 3, region.width() * 3);
        }
        return classifyRegion(roi);
    }

    /** Classifies the region's own pixels (packed BGR24, {@code region.width × region.height}). */
    public SignalPhase classifyRegion(byte[] roi) {
        try (Mat bgrMat = new Mat(region.height(), region.width(), CV_8UC3); Mat hsv = new Mat(); Mat mask = new Mat()) {
            bgrMat.data().put(roi);
            cvtColor(bgrMat, hsv, COLOR_BGR2HSV);
            int red = count(hsv, mask, RED) + count(hsv, mask, RED_HIGH);
            int amber = count(hsv, mask, AMBER);
            int green = count(hsv, mask, GREEN);
            int best = Math.max(red, Math.max(amber, green));
            if (best < minLitFraction * region.width() * region.height()) return SignalPhase.UNKNOWN;
            return best == red ? SignalPhase.RED : best == amber ? SignalPhase.AMBER : SignalPhase.GREEN;
        }
    }

    private static int count(Mat hsv, Mat mask, double[][] range) {
        try (Scalar lo = new Scalar(range[0][0], range[0][1], range[0][2], 0);
             Scalar hi = new Scalar(range[1][0], range[1][1], range[1][2], 0);
             Mat l = new Mat(lo); Mat h = new Mat(hi)) {
            inRange(hsv, l, h, mask);
            return countNonZero(mask);
        }
    }
}
