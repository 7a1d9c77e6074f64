package vn.matthan.testscenes;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.plate.VietnamesePlate;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

/**
 * Plate pictures drawn apart from the reader's own tuning set (issue #20): any of the {@link PlateGeneratorSpec}
 * typefaces, the plate seen in 3-D perspective on a patch cut from the shared real photographs and clips (the patch
 * plays the vehicle crop, so the locator is tested too), and, when degraded, every degradation drawn from a
 * documented distribution: width, motion and defocus blur, JPEG quality, sensor noise, day/night/infrared light,
 * a bolt or dirt over the face. One picture per seed, nothing else shared between pictures.
 */
public final class PlateScenes {
    /** Bounds of what is drawn; tests hold the generator to them. */
    public static final double MIN_WIDTH_PX = 50, MAX_WIDTH_PX = 160, MIN_CLEAN_WIDTH_PX = 90;
    public static final double MAX_TILT_DEG = 35, MAX_CLEAN_TILT_DEG = 20, MAX_ROLL_DEG = 6;
    public static final double MAX_MOTION_PX = 7, MAX_DEFOCUS_SIGMA = 1.4;
    public static final int MIN_JPEG = 15, MAX_JPEG = 60;
    public static final double MIN_NOISE = 2, MAX_NOISE = 12;
    /** Share of the plate face a bolt or dirt may cover. */
    public static final double MAX_OCCLUDED = 0.12;

    public enum Light { DAY, NIGHT, INFRARED }

    public enum Occluder { NONE, BOLT, DIRT }

    /**
     * What was done to one picture.
     *
     * @param widthPx     width of the plate's bounding box in the picture
     * @param tiltDeg     angle between the plate's normal and the camera axis
     * @param motionPx    length of the linear motion blur (0: none)
     * @param jpegQuality 0 when the picture was not re-encoded
     * @param gamma       applied as v' = 255 (v/255)^gamma, after the light's gain
     * @param occluded    share of plate-face pixels the occluder changed
     */
    public record Degradation(String typeface, double widthPx, double tiltDeg, double rollDeg, double motionPx, double motionAngleDeg,
                              double defocusSigma, int jpegQuality, double noiseSigma, Light light, double gain, double gamma,
                              Occluder occluder, double occluded) {
    }

    /** One picture: the plate's truth, its corners (TL, TR, BR, BL) in the picture, the pixels (BGR) and what was done. */
    public record Scene(long seed, String normalised, String display, VietnamesePlate.Format format, String colour, byte[] bgr, int width,
                        int height, List<Point> corners, String background, Degradation degradation) {
        public TrafficClass vehicleClass() {
            return format == VietnamesePlate.Format.MOTORBIKE_TWO_LINE ? TrafficClass.MOTORBIKE : TrafficClass.CAR;
        }

        public boolean degraded() {
            return degradation.jpegQuality() > 0;
        }
    }

    private record Picture(String source, int width, int height, byte[] bgr) {
    }

    /** Real pictures the backgrounds are cut from; the car photograph is left out: its own plate would be a second one. */
    private static final String[] IMAGES = {"images/udacity_highway_test1.jpg", "images/udacity_highway_test6.jpg"};
    private static final String[][] CLIPS = {{"videos/udacity_vehicle-detection_test_video.mp4", "12"},
            {"videos/udacity_lanelines_solidWhiteRight.mp4", "44"}, {"videos/intel_car-detection.mp4", "75"}};

    private final List<Font> fonts;
    private final List<Picture> pictures = new ArrayList<>();

    public PlateScenes(Path assets) throws IOException {
        fonts = PlateGeneratorSpec.loadTypefaces();
        for (String image : IMAGES) {
            Path p = assets.resolve(image);
            if (!Files.exists(p)) throw new IOException("missing shared asset " + p);
            try (Mat m = imread(p.toString())) {
                pictures.add(picture(image, m));
            }
        }
        for (String[] clip : CLIPS) {
            Path p = assets.resolve(clip[0]);
            if (!Files.exists(p)) throw new IOException("missing shared asset " + p);
            int step = Integer.parseInt(clip[1]);
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(p.toFile()); OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
                g.start();
                Frame f;
                for (int i = 0; (f = g.grabImage()) != null; i++) if (i % step == 0) pictures.add(picture(clip[0] + "#" + i, conv.convert(f)));
                g.stop();
            }
        }
    }

    private static Picture picture(String source, Mat m) {
        if (m.type() != CV_8UC3) throw new IllegalArgumentException(source + ": not 8-bit BGR");
        byte[] px = new byte[m.cols() * m.rows() * 3];
        try (Mat c = m.clone()) {
            c.data().get(px);
        }
        return new Picture(source, m.cols(), m.rows(), px);
    }

    public List<String> typefaces() {
        return fonts.stream().map(Font::getFontName).toList();
    }

    public int backgrounds() {
        return pictures.size();
    }

    /** The plate face of {@code display} in typeface {@code face}, as drawn before perspective and degradation. */
    public BufferedImage face(VietnamesePlate.Number n, String colour, int face) {
        return PlateImages.draw(n, colour, fonts.get(face));
    }

    /** The picture of {@code seed}: always the same for the same seed, format and clean/degraded choice. */
    public Scene scene(long seed, VietnamesePlate.Format format, boolean degraded) {
        Random rng = new Random(seed);
        VietnamesePlate.Number n = PlateImages.randomNumber(rng, format);
        double c = rng.nextDouble();
        String colour = format == VietnamesePlate.Format.MOTORBIKE_TWO_LINE || c < 0.7 ? "white" : c < 0.9 ? "yellow" : "blue";
        int faceIndex = rng.nextInt(fonts.size());
        BufferedImage face = face(n, colour, faceIndex);
        Occluder occluder = !degraded || rng.nextDouble() >= 0.35 ? Occluder.NONE : rng.nextBoolean() ? Occluder.BOLT : Occluder.DIRT;
        double occluded = occlude(face, occluder, rng);

        double widthPx = degraded ? MIN_WIDTH_PX + rng.nextDouble() * (MAX_WIDTH_PX - MIN_WIDTH_PX)
                : MIN_CLEAN_WIDTH_PX + rng.nextDouble() * (MAX_WIDTH_PX - MIN_CLEAN_WIDTH_PX);
        double theta = Math.toRadians(rng.nextDouble() * (degraded ? MAX_TILT_DEG : MAX_CLEAN_TILT_DEG)), phi = rng.nextDouble() * 2 * Math.PI;
        double yaw = theta * Math.cos(phi), pitch = theta * Math.sin(phi);
        double roll = Math.toRadians((rng.nextDouble() * 2 - 1) * MAX_ROLL_DEG);
        double[][] quad = project(face.getWidth(), face.getHeight(), yaw, pitch, roll, 2 + rng.nextDouble() * 4);

        boolean bike = format == VietnamesePlate.Format.MOTORBIKE_TWO_LINE;
        double plateMm = switch (format) { case CAR_ONE_LINE -> 520; case CAR_TWO_LINE -> 330; default -> 190; };
        double share = plateMm / (bike ? 700 : 1800) * (0.85 + rng.nextDouble() * 0.3);
        double[] bb = bounds(quad);
        double s = widthPx / (bb[2] - bb[0]);
        int cw = (int) Math.round(widthPx / share), ch = (int) Math.round(cw * (bike ? 1.2 + rng.nextDouble() * 0.3 : 0.7 + rng.nextDouble() * 0.2));
        double cx = cw * (0.5 + (rng.nextDouble() - 0.5) * 0.16), cy = ch * (bike ? 0.55 + rng.nextDouble() * 0.2 : 0.6 + rng.nextDouble() * 0.2);
        double mx = (bb[0] + bb[2]) / 2, my = (bb[1] + bb[3]) / 2;
        for (double[] q : quad) {
            q[0] = cx + (q[0] - mx) * s;
            q[1] = cy + (q[1] - my) * s;
        }
        Picture bg = pictures.get(rng.nextInt(pictures.size()));
        byte[] px = background(bg, cw, ch, rng);
        paste(face, quad, px, cw, ch);

        double motion = 0, motionAngle = 0, defocus = 0, noise = 0, gain = 1, gamma = 1;
        int jpeg = 0;
        Light light = Light.DAY;
        if (degraded) {
            double l = rng.nextDouble();
            light = l < 0.6 ? Light.DAY : l < 0.85 ? Light.NIGHT : Light.INFRARED;
            gain = light == Light.NIGHT ? 0.2 + rng.nextDouble() * 0.25 : 1;
            gamma = light == Light.NIGHT ? 1.2 + rng.nextDouble() * 0.6 : 0.7 + rng.nextDouble() * 0.7;
            if (rng.nextBoolean()) motion = 1 + rng.nextDouble() * (MAX_MOTION_PX - 1);
            motionAngle = (rng.nextDouble() * 2 - 1) * 30;
            if (rng.nextBoolean()) defocus = 0.4 + rng.nextDouble() * (MAX_DEFOCUS_SIGMA - 0.4);
            noise = MIN_NOISE + rng.nextDouble() * (MAX_NOISE - MIN_NOISE);
            jpeg = MIN_JPEG + rng.nextInt(MAX_JPEG - MIN_JPEG + 1);
            px = degrade(px, cw, ch, light, gain, gamma, motion, motionAngle, defocus, noise, jpeg, rng);
        }
        List<Point> corners = List.of(new Point(quad[0][0], quad[0][1]), new Point(quad[1][0], quad[1][1]),
                new Point(quad[2][0], quad[2][1]), new Point(quad[3][0], quad[3][1]));
        double[] b = bounds(quad);
        Degradation d = new Degradation(fonts.get(faceIndex).getFontName(), b[2] - b[0], Math.toDegrees(Math.acos(Math.cos(yaw) * Math.cos(pitch))),
                Math.toDegrees(roll), motion, motionAngle, defocus, jpeg, noise, light, gain, gamma, occluder, occluded);
        return new Scene(seed, n.normalised(), n.display(), format, colour, px, cw, ch, corners, bg.source(), d);
    }

    /** The face's corners after yaw, pitch and roll, seen by a pinhole camera {@code distance} plate widths away. */
    static double[][] project(int w, int h, double yaw, double pitch, double roll, double distance) {
        double[][] pts = {{-w / 2.0, -h / 2.0}, {w / 2.0, -h / 2.0}, {w / 2.0, h / 2.0}, {-w / 2.0, h / 2.0}};
        double f = distance * w, cr = Math.cos(roll), sr = Math.sin(roll);
        double[][] out = new double[4][];
        for (int i = 0; i < 4; i++) {
            double x = pts[i][0] * cr - pts[i][1] * sr, y = pts[i][0] * sr + pts[i][1] * cr, z = 0;
            double y1 = y * Math.cos(pitch) - z * Math.sin(pitch), z1 = y * Math.sin(pitch) + z * Math.cos(pitch);
            double x2 = x * Math.cos(yaw) + z1 * Math.sin(yaw), z2 = -x * Math.sin(yaw) + z1 * Math.cos(yaw);
            out[i] = new double[]{f * x2 / (f + z2), f * y1 / (f + z2)};
        }
        return out;
    }

    static double[] bounds(double[][] q) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : q) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]);
            b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    /** A bolt (a steel head with a highlight) or dirt (brown translucent smears); returns the face share changed. */
    private static double occlude(BufferedImage face, Occluder o, Random rng) {
        if (o == Occluder.NONE) return 0;
        byte[] before = ((DataBufferByte) face.getRaster().getDataBuffer()).getData().clone();
        int w = face.getWidth(), h = face.getHeight();
        Graphics2D g = face.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (o == Occluder.BOLT) {
            double r = h * (0.05 + rng.nextDouble() * 0.05), x = w * (0.1 + rng.nextDouble() * 0.8), y = h * (0.1 + rng.nextDouble() * 0.8);
            g.setColor(new Color(120, 120, 125));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            g.setColor(new Color(210, 210, 215));
            g.fill(new Ellipse2D.Double(x - r * 0.5, y - r * 0.6, r * 0.6, r * 0.5));
        } else {
            double budget = MAX_OCCLUDED * 0.8 * w * h * (0.3 + rng.nextDouble() * 0.7);
            int smears = 1 + rng.nextInt(4);
            for (int k = 0; k < smears; k++) {
                double area = budget / smears, a = Math.sqrt(area / Math.PI) * (1 + rng.nextDouble()), b = area / (Math.PI * a);
                g.setColor(new Color(90 + rng.nextInt(40), 70 + rng.nextInt(30), 40, 110 + rng.nextInt(90)));
                g.fill(new Ellipse2D.Double(rng.nextDouble() * (w - 2 * a), rng.nextDouble() * (h - 2 * b), 2 * a, 2 * b));
            }
        }
        g.dispose();
        byte[] after = ((DataBufferByte) face.getRaster().getDataBuffer()).getData();
        int changed = 0;
        for (int i = 0; i < before.length; i += 3)
            if (before[i] != after[i] || before[i + 1] != after[i + 1] || before[i + 2] != after[i + 2]) changed++;
        return changed / (double) (w * h);
    }

    /** A random patch of the picture with the crop's aspect, scaled to the crop. */
    private static byte[] background(Picture p, int cw, int ch, Random rng) {
        double aspect = cw / (double) ch;
        int maxW = (int) Math.min(p.width(), p.height() * aspect);
        int pw = Math.max(Math.min(cw, maxW), (int) (maxW * (0.15 + rng.nextDouble() * 0.6))), ph = Math.min(p.height(), (int) Math.round(pw / aspect));
        int x = rng.nextInt(p.width() - pw + 1), y = rng.nextInt(p.height() - ph + 1);
        byte[] out = new byte[cw * ch * 3];
        try (Mat whole = new Mat(p.height(), p.width(), CV_8UC3); Mat dst = new Mat()) {
            whole.data().put(p.bgr());
            try (Mat roi = new Mat(whole, new Rect(x, y, pw, ph))) {
                resize(roi, dst, new Size(cw, ch), 0, 0, pw > cw ? INTER_AREA : INTER_LINEAR);
            }
            dst.data().get(out);
        }
        return out;
    }

    /** Shrinks the face near its final size first (a direct warp from 520 px would alias), then warps it onto the crop. */
    private static void paste(BufferedImage face, double[][] quad, byte[] px, int cw, int ch) {
        double[] b = bounds(quad);
        int tw = Math.max(8, (int) Math.round((b[2] - b[0]) * 2)), th = Math.max(4, (int) Math.round(tw * face.getHeight() / (double) face.getWidth()));
        try (Mat in = new Mat(face.getHeight(), face.getWidth(), CV_8UC3); Mat small = new Mat(); Mat canvas = new Mat(ch, cw, CV_8UC3);
             Mat from = PlateImages.quad(new double[][]{{0, 0}, {tw, 0}, {tw, th}, {0, th}}); Mat to = PlateImages.quad(quad);
             Mat m = getPerspectiveTransform(from, to)) {
            in.data().put(((DataBufferByte) face.getRaster().getDataBuffer()).getData());
            resize(in, small, new Size(tw, th), 0, 0, INTER_AREA);
            canvas.data().put(px);
            warpPerspective(small, canvas, m, new Size(cw, ch), INTER_LINEAR, 5 /* BORDER_TRANSPARENT */, new Scalar());
            canvas.data().get(px);
        }
    }

    private static byte[] degrade(byte[] px, int w, int h, Light light, double gain, double gamma, double motion, double motionAngle,
                                  double defocus, double noise, int jpeg, Random rng) {
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) lut[v] = (int) Math.round(255 * Math.pow(Math.min(1, v * gain / 255.0), gamma));
        for (int i = 0; i < px.length; i += 3) {
            if (light == Light.INFRARED) {
                int y = (int) Math.round(0.114 * (px[i] & 0xff) + 0.587 * (px[i + 1] & 0xff) + 0.299 * (px[i + 2] & 0xff));
                px[i] = px[i + 1] = px[i + 2] = (byte) lut[y];
            } else {
                for (int c = 0; c < 3; c++) px[i + c] = (byte) lut[px[i + c] & 0xff];
            }
        }
        try (Mat m = new Mat(h, w, CV_8UC3)) {
            m.data().put(px);
            if (defocus > 0) GaussianBlur(m, m, new Size(0, 0), defocus);
            if (motion > 0) {
                int k = (int) Math.ceil(motion) | 1;
                try (Mat kernel = new Mat(k, k, CV_32F, new Scalar(0))) {
                    FloatPointer kp = new FloatPointer(kernel.data());
                    double a = Math.toRadians(motionAngle);
                    int steps = 4 * k;
                    float wgt = 1f / (steps + 1);
                    for (int t = 0; t <= steps; t++) {
                        double r = (t / (double) steps - 0.5) * motion;
                        int kx = (int) Math.round(k / 2 + r * Math.cos(a)), ky = (int) Math.round(k / 2 + r * Math.sin(a));
                        kx = Math.max(0, Math.min(k - 1, kx));
                        ky = Math.max(0, Math.min(k - 1, ky));
                        kp.put((long) ky * k + kx, kp.get((long) ky * k + kx) + wgt);
                    }
                    filter2D(m, m, -1, kernel, new org.bytedeco.opencv.opencv_core.Point(-1, -1), 0, 4 /* BORDER_REFLECT_101 */);
                }
            }
            m.data().get(px);
        }
        for (int i = 0; i < px.length; i++) px[i] = (byte) Math.max(0, Math.min(255, Math.round((px[i] & 0xff) + rng.nextGaussian() * noise)));
        try (Mat m = new Mat(h, w, CV_8UC3); BytePointer buf = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, jpeg)) {
            m.data().put(px);
            imencode(".jpg", m, buf, params);
            try (Mat enc = new Mat(1, (int) buf.limit(), org.bytedeco.opencv.global.opencv_core.CV_8UC1, buf); Mat dec = imdecode(enc, IMREAD_COLOR)) {
                dec.data().get(px);
            }
        }
        return px;
    }
}
