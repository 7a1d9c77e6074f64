package vn.matthan.detection.plate;

import org.bytedeco.opencv.opencv_core.Mat;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * The best views of each tracked vehicle for reading its plate later: per track, the {@code keep} frames with the
 * highest quality = crop area × detector score × sharpness (variance of the Laplacian of the lower half, where the
 * plate is). Crops are copied out of the frame, so frames can be recycled; a track's views go when the track goes.
 * Reading only on demand (when a vehicle violates) keeps the plate models off the frame path.
 */
public final class PlateSightings {
    /** One view of a vehicle: its crop (packed BGR), the detector's class and score, and the quality that ranked it. */
    public record View(byte[] bgr, int width, int height, TrafficClass vehicleClass, double score, double quality) {
    }

    /** Sharpness weighs a view by at most this factor either way, so size and score dominate the ranking. */
    private static final double SHARPNESS_RANGE = 4;
    private final int keep;
    private final double minWidth;
    private final Map<Long, List<View>> byTrack = new HashMap<>();

    public PlateSightings(int keep, double minVehicleWidth) {
        if (keep < 1) throw new IllegalArgumentException("keep must be >= 1");
        this.keep = keep;
        this.minWidth = minVehicleWidth;
    }

    /** Offers this frame's view of a track; kept only if it is among the track's best. */
    public void offer(long trackId, byte[] frame, int width, int height, Box box, TrafficClass c, double score) {
        int x1 = (int) Math.max(0, Math.floor(box.x1())), y1 = (int) Math.max(0, Math.floor(box.y1()));
        int x2 = (int) Math.min(width, Math.ceil(box.x2())), y2 = (int) Math.min(height, Math.ceil(box.y2()));
        int w = x2 - x1, h = y2 - y1;
        if (w < minWidth || h < 16) return;
        List<View> views = byTrack.computeIfAbsent(trackId, k -> new ArrayList<>(keep + 1));
        double sizeScore = (double) w * h * score;
        // Even at the sharpest, a view this much smaller than the worst kept one cannot win: no copy, no Laplacian.
        if (views.size() == keep && sizeScore * SHARPNESS_RANGE < views.get(views.size() - 1).quality()) return;
        byte[] crop = new byte[w * h * 3];
        for (int y = 0; y < h; y++) System.arraycopy(frame, ((y1 + y) * width + x1) * 3, crop, y * w * 3, w * 3);
        double quality = sizeScore * Math.min(SHARPNESS_RANGE, Math.max(1 / SHARPNESS_RANGE, sharpness(crop, w, h) / 100));
        views.add(new View(crop, w, h, c, score, quality));
        views.sort(Comparator.comparingDouble(View::quality).reversed());
        if (views.size() > keep) views.remove(views.size() - 1);
    }

    /** The track's best views, best first (a copy; the track keeps collecting). */
    public List<View> best(long trackId) {
        return List.copyOf(byTrack.getOrDefault(trackId, List.of()));
    }

    /** Forgets tracks that are no longer followed. */
    public void retain(Set<Long> liveTracks) {
        byTrack.keySet().retainAll(liveTracks);
    }

    public int tracks() {
        return byTrack.size();
    }

    /** Variance of the Laplacian over the lower half of the crop: high for crisp edges, low for blur. */
    static double sharpness(byte[] bgr, int w, int h) {
        int top = h / 2;
        try (Mat img = new Mat(h - top, w, CV_8UC3); Mat gray = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat sd = new Mat()) {
            byte[] lower = new byte[(h - top) * w * 3];
            System.arraycopy(bgr, top * w * 3, lower, 0, lower.length);
            img.data().put(lower);
            cvtColor(img, gray, COLOR_BGR2GRAY);
            Laplacian(gray, lap, CV_64F);
            meanStdDev(lap, mean, sd);
            double s = sd.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer d ? d.get(0) : 0;
            return s * s;
        }
    }
}
