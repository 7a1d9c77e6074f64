package vn.matthan.detection.plate;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.OnnxModelFile;
import vn.matthan.detection.geometry.Point;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Finds licence plates in a vehicle crop with LPD-YuNet (opencv_zoo, 2023mar): the crop is resized to the model's
 * fixed 320×240 BGR input; each of its 4,385 priors (feature maps at strides 8–64, sizes as in opencv_zoo's
 * {@code lpd_yunet.py}) predicts the plate's four corner points; score = √(class score × IoU score); overlapping
 * finds are suppressed. Corners come back in frame pixels, ordered top-left, top-right, bottom-right, bottom-left.
 */
public final class PlateLocator implements AutoCloseable {
    static final int W = 320, H = 240;
    private static final int[][] MIN_SIZES = {{10, 16, 24}, {32, 48}, {64, 96}, {128, 192, 256}};
    private static final int[] STEPS = {8, 16, 32, 64};
    private static final double VARIANCE = 0.1;

    /** One plate: its corners in frame pixels (TL, TR, BR, BL) and the detector's score. */
    public record Quad(List<Point> corners, double score) {
        public Box bounds() {
            double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
            for (Point p : corners) {
                x1 = Math.min(x1, p.x());
                y1 = Math.min(y1, p.y());
                x2 = Math.max(x2, p.x());
                y2 = Math.max(y2, p.y());
            }
            return new Box(x1, y1, x2, y2);
        }

        /** Width over height along the plate's own edges (about 4.7 for one-line plates, 1.4 for two-line). */
        public double aspect() {
            Point tl = corners.get(0), tr = corners.get(1), br = corners.get(2), bl = corners.get(3);
            double w = (dist(tl, tr) + dist(bl, br)) / 2, h = (dist(tl, bl) + dist(tr, br)) / 2;
            return h <= 0 ? 0 : w / h;
        }
    }

    private final Model model;
    private final Predictor<float[], float[][]> predictor;
    private final float[][] priors = priors();
    private final double minScore;
    private final String modelId;

    public PlateLocator(Path modelFile, int threads, double minScore) throws IOException {
        this.model = OnnxModelFile.load(modelFile, threads, List.of("input"));
        this.modelId = OnnxModelFile.id(modelFile);
        this.predictor = model.newPredictor(new Raw());
        this.minScore = minScore;
    }

    public PlateLocator(Path modelFile, int threads) throws IOException {
        this(modelFile, threads, 0.1);
    }

    public String modelId() {
        return modelId;
    }

    /** Plates inside {@code region} of a packed BGR frame, best first. */
    public synchronized List<Quad> locate(byte[] bgr, int width, int height, Box region) {
        int x = (int) Math.max(0, Math.floor(region.x1())), y = (int) Math.max(0, Math.floor(region.y1()));
        int w = (int) Math.min(width, Math.ceil(region.x2())) - x, h = (int) Math.min(height, Math.ceil(region.y2())) - y;
        if (w < 8 || h < 8) return List.of();
        float[] chw = new float[3 * W * H];
        try (BytePointer src = new BytePointer(bgr); Mat frame = new Mat(height, width, CV_8UC3, src);
             Mat roi = new Mat(frame, new org.bytedeco.opencv.opencv_core.Rect(x, y, w, h)); Mat small = new Mat()) {
            resize(roi, small, new Size(W, H), 0, 0, INTER_LINEAR);
            byte[] px = new byte[W * H * 3];
            small.data().get(px);
            int plane = W * H;
            for (int i = 0; i < plane; i++) {
                chw[i] = px[3 * i] & 0xff;
                chw[plane + i] = px[3 * i + 1] & 0xff;
                chw[2 * plane + i] = px[3 * i + 2] & 0xff;
            }
        }
        float[][] out;
        try {
            out = predictor.predict(chw);
        } catch (TranslateException e) {
            throw new IllegalStateException("plate locator failed: " + e.getMessage(), e);
        }
        Box inside = new Box(x - 0.1 * w, y - 0.1 * h, x + 1.1 * w, y + 1.1 * h);
        // The model also fires on whole vehicle rears (boxes reaching outside the crop): no plate looks like that.
        return decode(out[0], out[1], out[2], x, y, w / (double) W, h / (double) H).stream()
                .filter(q -> inside.contains(q.bounds()) && q.bounds().width() <= 0.95 * w && q.aspect() >= 0.8 && q.aspect() <= 7.5)
                .toList();
    }

    private List<Quad> decode(float[] loc, float[] conf, float[] iou, double ox, double oy, double sx, double sy) {
        List<Quad> found = new ArrayList<>();
        int[] corners = {4, 6, 10, 12};
        for (int a = 0; a < priors.length; a++) {
            double score = Math.sqrt(conf[2 * a + 1] * Math.max(0, Math.min(1, iou[a])));
            if (score < minScore) continue;
            float[] p = priors[a];
            List<Point> pts = new ArrayList<>(4);
            for (int c : corners) {
                double px = (p[0] + loc[14 * a + c] * VARIANCE * p[2]) * W, py = (p[1] + loc[14 * a + c + 1] * VARIANCE * p[3]) * H;
                pts.add(new Point(ox + px * sx, oy + py * sy));
            }
            found.add(new Quad(order(pts), score));
        }
        return bestApart(found);
    }

    /** The finds best first, each dropped where it overlaps (IoU > 0.3) a better one: one find per plate. */
    static List<Quad> bestApart(List<Quad> finds) {
        List<Quad> sorted = new ArrayList<>(finds);
        sorted.sort(Comparator.comparingDouble(Quad::score).reversed());
        List<Quad> kept = new ArrayList<>();
        for (Quad q : sorted) {
            if (kept.stream().noneMatch(k -> k.bounds().iou(q.bounds()) > 0.3)) kept.add(q);
        }
        return kept;
    }

    /** Top-left, top-right, bottom-right, bottom-left, whatever order the model gave them in. */
    static List<Point> order(List<Point> pts) {
        Point tl = pts.stream().min(Comparator.comparingDouble(p -> p.x() + p.y())).orElseThrow();
        Point br = pts.stream().max(Comparator.comparingDouble(p -> p.x() + p.y())).orElseThrow();
        Point tr = pts.stream().max(Comparator.comparingDouble(p -> p.x() - p.y())).orElseThrow();
        Point bl = pts.stream().min(Comparator.comparingDouble(p -> p.x() - p.y())).orElseThrow();
        return List.of(tl, tr, br, bl);
    }

    static double dist(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    private static float[][] priors() {
        int h2 = ((H + 1) / 2) / 2, w2 = ((W + 1) / 2) / 2;
        int[][] maps = new int[4][];
        int fh = h2 / 2, fw = w2 / 2;
        for (int k = 0; k < 4; k++) {
            maps[k] = new int[]{fh, fw};
            fh /= 2;
            fw /= 2;
        }
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < maps[k][0]; i++) {
                for (int j = 0; j < maps[k][1]; j++) {
                    for (int min : MIN_SIZES[k]) {
                        out.add(new float[]{(j + 0.5f) * STEPS[k] / W, (i + 0.5f) * STEPS[k] / H, (float) min / W, (float) min / H});
                    }
                }
            }
        }
        return out.toArray(new float[0][]);
    }

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
    }

    private record Raw() implements Translator<float[], float[][]> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[] chw) {
            NDArray a = ctx.getNDManager().create(chw, new Shape(1, 3, H, W));
            return new NDList(a);
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray loc = list.get("loc"), conf = list.get("conf"), iou = list.get("iou");
            if (loc == null) {
                loc = list.get(0);
                conf = list.get(1);
                iou = list.get(2);
            }
            return new float[][]{loc.toFloatArray(), conf.toFloatArray(), iou.toFloatArray()};
        }
    }
}
