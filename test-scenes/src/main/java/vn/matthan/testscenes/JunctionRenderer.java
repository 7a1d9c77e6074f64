package vn.matthan.testscenes;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.signal.SignalPhase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static vn.matthan.testscenes.JunctionLayout.FAR_Y;
import static vn.matthan.testscenes.JunctionLayout.HEIGHT;
import static vn.matthan.testscenes.JunctionLayout.LIGHT;
import static vn.matthan.testscenes.JunctionLayout.WIDTH;

/**
 * Draws a generated scene with OpenCV: asphalt, lane markings (solid and dashed), the stop line, the signal head
 * (lit lamp bright, others dim, with the ground truth's one-frame LED flickers) and each vehicle's box with its
 * plate, far vehicles first. Writes H.264 MP4 with JavaCV, or hands out frames and signal-head patches.
 */
public final class JunctionRenderer implements AutoCloseable {
    private final GroundTruth truth;
    private final Map<Integer, GroundTruth.Vehicle> vehicles = new HashMap<>();
    private final Mat background = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(70, 110, 60, 0));

    /** Vehicle pictures from real photographs; null: coloured boxes, which the real detector does not see. */
    private final VehicleSprites sprites;

    public JunctionRenderer(GroundTruth truth) {
        this(truth, null);
    }

    /** Draws each vehicle as a real-photo sprite of its class (see {@link VehicleSprites#pick}) where there is one. */
    public JunctionRenderer(GroundTruth truth, VehicleSprites sprites) {
        this.truth = truth;
        this.sprites = sprites;
        for (GroundTruth.Vehicle v : truth.vehicles()) vehicles.put(v.id(), v);
        drawRoad(background);
    }

    /** Renders every frame to an MP4 file (H.264, the frame rate of the scene). */
    public void writeMp4(Path file) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setFrameRate(truth.fps());
            rec.setGopSize((int) Math.round(truth.fps()));
            rec.setVideoOption("preset", "veryfast");
            rec.setVideoQuality(20);
            rec.start();
            for (GroundTruth.Frame f : truth.frames()) {
                try (Mat m = render(f)) {
                    rec.record(conv.convert(m));
                }
            }
            rec.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One frame as a BGR image; the caller closes it. */
    public Mat render(GroundTruth.Frame f) {
        Mat m = background.clone();
        drawSignalHead(m, LIGHT.x(), LIGHT.y(), lampOf(f));
        List<GroundTruth.VehicleBox> far = f.boxes().stream().sorted(Comparator.comparingDouble(b -> b.box().y2())).toList();
        for (GroundTruth.VehicleBox vb : far) drawVehicle(m, vb);
        return m;
    }

    /** One frame as a camera would hand it to analysis (packed BGR24). */
    public vn.matthan.ingest.VideoFrame frame(GroundTruth.Frame f) {
        try (Mat m = render(f)) {
            byte[] bgr = new byte[WIDTH * HEIGHT * 3];
            m.data().get(bgr);
            return new vn.matthan.ingest.VideoFrame("generated-" + truth.seed(), f.index(),
                    java.time.Instant.EPOCH.plusNanos(f.timeMicros() * 1000), f.timeMicros(), WIDTH, HEIGHT, bgr);
        }
    }

    /** The pixels of the signal head's region in this frame (packed BGR24), as the lamp classifier sees them. */
    public byte[] signalHeadPixels(GroundTruth.Frame f) {
        try (Mat patch = new Mat(LIGHT.height(), LIGHT.width(), CV_8UC3, new Scalar(70, 110, 60, 0))) {
            drawSignalHead(patch, 0, 0, lampOf(f));
            byte[] out = new byte[LIGHT.width() * LIGHT.height() * 3];
            patch.data().get(out);
            return out;
        }
    }

    private SignalPhase lampOf(GroundTruth.Frame f) {
        return f.lampFlicker() ? SignalPhase.UNKNOWN : truth.phaseAt(f.timeMicros()).phase();
    }

    private static void drawSignalHead(Mat m, int ox, int oy, SignalPhase lit) {
        rectangle(m, new Point(ox + 2, oy + 2), new Point(ox + LIGHT.width() - 3, oy + LIGHT.height() - 3), new Scalar(25, 25, 25, 0), FILLED, LINE_AA, 0);
        int r = LIGHT.width() / 2 - 7, cx = ox + LIGHT.width() / 2;
        SignalPhase[] order = {SignalPhase.RED, SignalPhase.AMBER, SignalPhase.GREEN};
        Scalar[] on = {new Scalar(40, 40, 240, 0), new Scalar(0, 170, 255, 0), new Scalar(120, 230, 40, 0)};
        Scalar[] off = {new Scalar(30, 30, 60, 0), new Scalar(25, 45, 60, 0), new Scalar(40, 60, 30, 0)};
        for (int i = 0; i < 3; i++) {
            int cy = oy + LIGHT.height() * (2 * i + 1) / 6;
            circle(m, new Point(cx, cy), r, order[i] == lit ? on[i] : off[i], FILLED, LINE_AA, 0);
        }
    }

    private static void drawRoad(Mat m) {
        fill(m, new double[][]{{-4, 0}, {11, 0}, {11, FAR_Y}, {-4, FAR_Y}}, new Scalar(85, 85, 85, 0));
        Scalar white = new Scalar(235, 235, 235, 0), yellow = new Scalar(40, 200, 230, 0);
        // The parking lane along the kerb: asphalt like the road (a car parked on grass is a picture no camera sees),
        // its bays closed by white marks at the ends of the kerb zone.
        fill(m, new double[][]{{11, 0}, {14, 0}, {14, FAR_Y}, {11, FAR_Y}}, new Scalar(78, 80, 82, 0));
        for (double y : new double[]{JunctionLayout.KERB_FROM_Y, JunctionLayout.KERB_TO_Y}) line(m, px(11, y), px(13.6, y), white, 2, LINE_AA, 0);
        mark(m, 14, -0.5, FAR_Y, new Scalar(160, 160, 160, 0), 4); // the kerb stone
        mark(m, 0, -0.5, FAR_Y, yellow, 3);                                   // solid centre line
        for (double x : new double[]{-4, 11}) mark(m, x, -0.5, FAR_Y, white, 3); // road edges
        for (double y = 0; y < JunctionLayout.SOLID_FROM_Y; y += 6) mark(m, 3.5, y, Math.min(y + 3, JunctionLayout.SOLID_FROM_Y), white, 2);
        mark(m, 3.5, JunctionLayout.SOLID_FROM_Y, JunctionLayout.STOP_Y, white, 2); // solid before the stop line
        for (double y = 0; y < FAR_Y; y += 6) mark(m, 7, y, y + 3, white, 2);
        org.bytedeco.opencv.opencv_core.Point a = px(0, JunctionLayout.STOP_Y), b = px(11, JunctionLayout.STOP_Y);
        line(m, a, b, white, 5, LINE_AA, 0);
    }

    private static void mark(Mat m, double x, double y1, double y2, Scalar c, int thick) {
        line(m, px(x, y1), px(x, y2), c, thick, LINE_AA, 0);
    }

    private static void fill(Mat m, double[][] road, Scalar c) {
        try (Mat pts = new Mat(road.length, 1, org.bytedeco.opencv.global.opencv_core.CV_32SC2)) {
            int[] xy = new int[road.length * 2];
            for (int i = 0; i < road.length; i++) {
                vn.matthan.detection.geometry.Point p = JunctionLayout.image(road[i][0], road[i][1]);
                xy[2 * i] = (int) Math.round(p.x());
                xy[2 * i + 1] = (int) Math.round(p.y());
            }
            new org.bytedeco.javacpp.IntPointer(pts.data()).put(xy);
            try (MatVector v = new MatVector(pts)) {
                fillPoly(m, v, c);
            }
        }
    }

    private static Point px(double x, double y) {
        vn.matthan.detection.geometry.Point p = JunctionLayout.image(x, y);
        return new Point((int) Math.round(p.x()), (int) Math.round(p.y()));
    }

    private void drawVehicle(Mat m, GroundTruth.VehicleBox vb) {
        Box b = vb.box();
        Scalar body = switch (vb.vehicleClass()) {
            case CAR -> new Scalar(180, 120, 40, 0);
            case BUS -> new Scalar(40, 160, 200, 0);
            case TRUCK -> new Scalar(60, 60, 150, 0);
            case MOTORBIKE -> new Scalar(30, 30, 30, 0);
            default -> new Scalar(150, 60, 150, 0);
        };
        VehicleSprites.Sprite sprite = sprite(vb);
        if (sprite != null) {
            paste(m, sprite, drawn(b, sprite));
        } else {
            Point p1 = new Point((int) b.x1(), (int) b.y1()), p2 = new Point((int) b.x2() - 1, (int) b.y2() - 1);
            rectangle(m, p1, p2, body, FILLED, LINE_AA, 0);
            rectangle(m, p1, p2, new Scalar(20, 20, 20, 0), 1, LINE_AA, 0);
        }
        double w = b.width();
        if (w < 36 || b.y2() >= HEIGHT - 1) return;
        GroundTruth.Vehicle v = vehicles.get(vb.vehicleId());
        boolean twoLine = vb.vehicleClass() == TrafficClass.MOTORBIKE || vb.vehicleClass() == TrafficClass.BICYCLE;
        int pw = (int) Math.max(24, w * (twoLine ? 0.55 : 0.4)), ph = twoLine ? (int) (pw * 0.75) : Math.max(8, pw / 4);
        int cx = (int) ((b.x1() + b.x2()) / 2), by = (int) b.y2() - 3;
        rectangle(m, new Point(cx - pw / 2, by - ph), new Point(cx + pw / 2, by), new Scalar(245, 245, 245, 0), FILLED, LINE_AA, 0);
        double scale = pw / (twoLine ? 140.0 : 230.0);
        if (twoLine) {
            String[] rows = v.plate().split(" ");
            putText(m, rows[0], new Point(cx - pw / 2 + 2, by - ph / 2 - 1), FONT_HERSHEY_SIMPLEX, scale, new Scalar(10, 10, 10, 0), 1, LINE_AA, false);
            putText(m, rows[1], new Point(cx - pw / 2 + 2, by - 2), FONT_HERSHEY_SIMPLEX, scale, new Scalar(10, 10, 10, 0), 1, LINE_AA, false);
        } else {
            putText(m, v.plate(), new Point(cx - pw / 2 + 2, by - 2), FONT_HERSHEY_SIMPLEX, scale, new Scalar(10, 10, 10, 0), 1, LINE_AA, false);
        }
    }

    private VehicleSprites.Sprite sprite(GroundTruth.VehicleBox vb) {
        return sprites == null ? null : sprites.pick(vb.vehicleClass(), truth.seed() * 1_000_003L + vb.vehicleId());
    }

    /**
     * Where the vehicle is drawn: its box, or for a photographed vehicle the sprite at its own aspect on the box's
     * width and bottom edge (the anchor the rules use), since a photo stretched to the generator's taller boxes
     * no longer looks like a vehicle to the detector.
     */
    public Box drawnBox(GroundTruth.VehicleBox vb) {
        VehicleSprites.Sprite s = sprite(vb);
        return s == null ? vb.box() : drawn(vb.box(), s);
    }

    private static Box drawn(Box b, VehicleSprites.Sprite s) {
        double h = b.width() * s.height() / (double) s.width();
        return new Box(b.x1(), b.y2() - h, b.x2(), b.y2());
    }

    /**
     * The sprite scaled to the vehicle's box (its size already follows the layout's perspective), blended over the
     * road with a feathered edge so the crop's own background does not leave a hard rectangle around it.
     */
    private static void paste(Mat m, VehicleSprites.Sprite s, Box b) {
        int x0 = (int) Math.round(b.x1()), y0 = (int) Math.round(b.y1());
        int w = (int) Math.round(b.x2()) - x0, h = (int) Math.round(b.y2()) - y0;
        if (w < 2 || h < 2) return;
        byte[] src;
        try (Mat in = new Mat(s.height(), s.width(), CV_8UC3); Mat out = new Mat()) {
            in.data().put(s.bgr());
            org.bytedeco.opencv.global.opencv_imgproc.resize(in, out, new org.bytedeco.opencv.opencv_core.Size(w, h), 0, 0,
                    w < s.width() ? org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA : org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR);
            src = new byte[w * h * 3];
            out.data().get(src);
        }
        org.bytedeco.javacpp.BytePointer dst = m.data();
        int fw = Math.max(1, w / 12), fh = Math.max(1, h / 12), stride = (int) m.step();
        byte[] row = new byte[w * 3];
        for (int r = 0; r < h; r++) {
            int y = y0 + r;
            if (y < 0 || y >= HEIGHT) continue;
            int xa = Math.max(0, x0), xb = Math.min(WIDTH, x0 + w);
            if (xb <= xa) continue;
            long off = (long) y * stride + xa * 3L;
            dst.position(off).get(row, 0, (xb - xa) * 3);
            double ay = Math.min(1, Math.min(r + 1, h - r) / (double) fh);
            for (int x = xa; x < xb; x++) {
                int c = x - x0;
                double a = Math.min(ay, Math.min(1, Math.min(c + 1, w - c) / (double) fw));
                for (int k = 0; k < 3; k++) {
                    int i = (x - xa) * 3 + k;
                    row[i] = (byte) Math.round(a * (src[(r * w + c) * 3 + k] & 0xff) + (1 - a) * (row[i] & 0xff));
                }
            }
            dst.position(off).put(row, 0, (xb - xa) * 3);
        }
        dst.position(0);
    }

    @Override
    public void close() {
        background.close();
    }
}
