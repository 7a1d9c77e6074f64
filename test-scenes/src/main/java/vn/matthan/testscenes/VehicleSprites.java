package vn.matthan.testscenes;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.ingest.VideoFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

/**
 * Vehicle pictures cut from the real photographs and clips of the shared assets: the real detector runs once on
 * each source frame and every confident, whole (not cut by the frame edge), large enough vehicle box is kept as a
 * rectangular crop. Nothing is stored: the same assets and model give the same sprites in the same order, so a
 * scene rendered with them is deterministic per seed.
 */
public final class VehicleSprites {
    /** A crop (packed BGR24) with where it came from and what the detector called it there. */
    public record Sprite(String source, TrafficClass vehicleClass, double score, int width, int height, byte[] bgr) {
    }

    /** Sources, in the order they are read; clips every {@code step}th frame (neighbouring frames are near copies). */
    private static final String[] IMAGES = {"images/udacity_highway_test1.jpg", "images/udacity_highway_test6.jpg",
            "images/fastalpr_car_plate_5AU5341.png"};
    private static final String[][] CLIPS = {{"videos/udacity_vehicle-detection_test_video.mp4", "3"},
            {"videos/udacity_lanelines_solidWhiteRight.mp4", "10"}};
    static final double MIN_SCORE = 0.6;
    static final int MIN_WIDTH = 56, MIN_HEIGHT = 40;

    private final Map<TrafficClass, List<Sprite>> byClass = new EnumMap<>(TrafficClass.class);
    private final List<Sprite> all = new ArrayList<>();

    private VehicleSprites() {
    }

    public static VehicleSprites harvest(Path assets, VehicleDetector detector) throws IOException {
        VehicleSprites s = new VehicleSprites();
        for (String image : IMAGES) {
            Path p = assets.resolve(image);
            if (!Files.exists(p)) throw new IOException("missing shared asset " + p);
            try (Mat m = imread(p.toString())) {
                s.cut(image, m, detector);
            }
        }
        for (String[] clip : CLIPS) {
            int step = Integer.parseInt(clip[1]);
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(assets.resolve(clip[0]).toFile());
                 OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
                g.start();
                Frame f;
                for (int i = 0; (f = g.grabImage()) != null; i++) {
                    if (i % step != 0) continue;
                    Mat m = conv.convert(f);
                    s.cut(clip[0] + "#" + i, m, detector);
                }
                g.stop();
            }
        }
        return s;
    }

    private void cut(String source, Mat m, VehicleDetector detector) {
        int w = m.cols(), h = m.rows();
        Mat bgr = m.type() == CV_8UC3 ? m : null;
        if (bgr == null) throw new IllegalArgumentException(source + ": not 8-bit BGR");
        byte[] px = new byte[w * h * 3];
        if (m.isContinuous()) m.data().get(px);
        else try (Mat c = m.clone()) { c.data().get(px); }
        List<Detection> found = detector.detect(new VideoFrame("sprites", 0, java.time.Instant.EPOCH, 0, w, h, px));
        for (Detection d : found) {
            if (!d.trafficClass().isVehicle() || d.score() < MIN_SCORE) continue;
            Box b = d.box();
            if (b.x1() < 2 || b.y1() < 2 || b.x2() > w - 3 || b.y2() > h - 3) continue; // cut by the edge
            int x = (int) Math.round(b.x1()), y = (int) Math.round(b.y1());
            int cw = (int) Math.round(b.x2()) - x, ch = (int) Math.round(b.y2()) - y;
            if (cw < MIN_WIDTH || ch < MIN_HEIGHT) continue;
            if (overlapsOther(d, found)) continue; // a crop with half of another car confuses the detector later
            byte[] crop = new byte[cw * ch * 3];
            for (int r = 0; r < ch; r++) System.arraycopy(px, ((y + r) * w + x) * 3, crop, r * cw * 3, cw * 3);
            Sprite sp = new Sprite(source, d.trafficClass(), d.score(), cw, ch, crop);
            all.add(sp);
            byClass.computeIfAbsent(d.trafficClass(), k -> new ArrayList<>()).add(sp);
        }
    }

    private static boolean overlapsOther(Detection d, List<Detection> all) {
        for (Detection o : all) {
            if (o != d && o.trafficClass().isVehicle() && o.score() >= 0.3 && o.box().iou(d.box()) > 0.05) return true;
        }
        return false;
    }

    public List<Sprite> all() {
        return all;
    }

    /** Sprites the detector called this class; empty when the shared assets hold no such vehicle. */
    public List<Sprite> of(TrafficClass c) {
        return byClass.getOrDefault(c, List.of());
    }

    /**
     * The sprite for a vehicle: of its class when there is one, else of a class a camera would confuse it with
     * the least (bus and truck fall back on each other, then on cars); null for a class with no photographed
     * stand-in at all (two-wheelers: the shared assets hold no motorbike).
     */
    public Sprite pick(TrafficClass c, long key) {
        List<Sprite> pool = of(c);
        if (pool.isEmpty() && (c == TrafficClass.BUS || c == TrafficClass.TRUCK)) {
            pool = of(c == TrafficClass.BUS ? TrafficClass.TRUCK : TrafficClass.BUS);
            if (pool.isEmpty()) pool = of(TrafficClass.CAR);
        }
        if (pool.isEmpty()) return null;
        return pool.get((int) Math.floorMod(key * 0x9E3779B97F4A7C15L >>> 17, (long) pool.size()));
    }

    /** Counts per class, for reports. */
    public Map<String, Integer> counts() {
        Map<String, Integer> c = new java.util.TreeMap<>();
        byClass.forEach((k, v) -> c.put(k.code(), v.size()));
        return c;
    }
}
