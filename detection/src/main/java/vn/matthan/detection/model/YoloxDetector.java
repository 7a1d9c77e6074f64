package vn.matthan.detection.model;

import vn.matthan.detection.geometry.Box;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import vn.matthan.ingest.VideoFrame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;


/**
 * YOLOX-Nano (COCO) through DJL + ONNX Runtime. Input: BGR 0–255, letterboxed top-left with pad 114.
 * Output: raw grid predictions (strides 8/16/32) with sigmoid objectness and class scores already applied;
 * decoded here as {@code (x+grid)*stride}, {@code exp(w)*stride}, score = obj × cls, then class-aware NMS.
 */
public final class YoloxDetector implements VehicleDetector {
    private static final int[] STRIDES = {8, 16, 32};
    private static final int COCO_CLASSES = 80;

    private final int inputSize;
    private final double scoreThreshold;
    private final double nmsThreshold;
    private final Model model;
    // One model, several predictors: each camera thread prepares its own input, then runs on a free predictor.
    private final BlockingQueue<Predictor<float[], float[]>> predictors;
    private final int workers;
    private final String modelId;
    private final float[][] grid; // per anchor: gx, gy, stride

    public YoloxDetector(Path modelFile, int inputSize, double scoreThreshold, double nmsThreshold, int threads)
            throws IOException {
        this(modelFile, inputSize, scoreThreshold, nmsThreshold, threads, 1);
    }

    /**
     * @param threads ONNX Runtime threads of one inference
     * @param workers inferences run at once on the one loaded model (for all cameras of the node)
     */
    public YoloxDetector(Path modelFile, int inputSize, double scoreThreshold, double nmsThreshold, int threads, int workers)
            throws IOException {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1");
        this.workers = workers;
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
        this.nmsThreshold = nmsThreshold;
        this.grid = buildGrid(inputSize);
        this.model = OnnxModelFile.load(modelFile, threads, List.of("images"));
        this.modelId = OnnxModelFile.id(modelFile);
        this.predictors = new ArrayBlockingQueue<>(workers);
        for (int i = 0; i < workers; i++) predictors.add(model.newPredictor(new RawTensor(inputSize)));
        OnnxModelFile.warmUp(this, modelFile, "YOLOX", inputSize);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        double r = Math.min((double) inputSize / frame.width(), (double) inputSize / frame.height());
        float[] input = blankInput();
        place(frame, r, input, 0); // on the caller's thread, while others use the model
        float[] out = infer(input, frame.cameraId());
        return Nms.forTraffic(decode(out, r, 0, inputSize, frame.width(), frame.height()), nmsThreshold, 0.8);
    }

    /**
     * Two frames (of two cameras) in one inference: the model takes one 416×416 image and no batch, so each frame is
     * scaled into one half of it, the upper and the lower; a box belongs to the half holding its centre and is clipped
     * to it. Callers send frames here only where the half keeps the pixels per vehicle the camera's whole frame
     * would get alone (a wide road region); a single frame runs as {@link #detect(VideoFrame)}.
     */
    @Override
    public List<List<Detection>> detectBatch(List<VideoFrame> frames) {
        if (frames.size() == 1) return List.of(detect(frames.get(0)));
        if (frames.size() != 2) throw new IllegalArgumentException("YOLOX takes at most two frames per input, got " + frames.size());
        int half = inputSize / 2;
        float[] input = blankInput();
        double[] r = new double[2];
        for (int i = 0; i < 2; i++) {
            VideoFrame f = frames.get(i);
            r[i] = Math.min((double) inputSize / f.width(), (double) half / f.height());
            place(f, r[i], input, i * half);
        }
        float[] out = infer(input, frames.get(0).cameraId() + "+" + frames.get(1).cameraId());
        List<List<Detection>> found = new ArrayList<>(2);
        for (int i = 0; i < 2; i++) {
            VideoFrame f = frames.get(i);
            found.add(Nms.forTraffic(decode(out, r[i], i * half, half, f.width(), f.height()), nmsThreshold, 0.8));
        }
        return found;
    }

    @Override
    public int maxBatch() {
        return 2;
    }

    private float[] blankInput() {
        float[] chw = new float[3 * inputSize * inputSize];
        java.util.Arrays.fill(chw, 114f);
        return chw;
    }

    private float[] infer(float[] input, String cameras) {
        Predictor<float[], float[]> predictor;
        try {
            predictor = predictors.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the detector", e);
        }
        float[] out;
        try {
            out = predictor.predict(input);
        } catch (TranslateException e) {
            throw new IllegalStateException("YOLOX inference failed on camera " + cameras, e);
        } finally {
            predictors.add(predictor);
        }
        if (out.length != grid.length * (5 + COCO_CLASSES)) {
            throw new IllegalStateException("model output has " + out.length + " values, expected "
                    + grid.length + " x " + (5 + COCO_CLASSES) + " for a " + inputSize + " px YOLOX grid");
        }
        return out;
    }

    /** Letterboxes a frame scaled by {@code r} into the input at row {@code top}, left-aligned (YOLOX's own layout). */
    private void place(VideoFrame f, double r, float[] chw, int top) {
        int nw = (int) Math.round(f.width() * r);
        int nh = (int) Math.round(f.height() * r);
        byte[] px = Resize.bgr(f, nw, nh);
        int plane = inputSize * inputSize;
        for (int y = 0; y < nh; y++) {
            int rowIn = y * nw * 3;
            int rowOut = (top + y) * inputSize;
            for (int x = 0; x < nw; x++) {
                int i = rowIn + x * 3;
                chw[rowOut + x] = px[i] & 0xff;
                chw[plane + rowOut + x] = px[i + 1] & 0xff;
                chw[2 * plane + rowOut + x] = px[i + 2] & 0xff;
            }
        }
    }

    /** Boxes whose centre lies in input rows [top, top + rows), clipped to them, in pixels of the frame placed there. */
    private List<Detection> decode(float[] out, double r, int top, int rows, int width, int height) {
        int stride = 5 + COCO_CLASSES;
        List<Detection> found = new ArrayList<>();
        for (int a = 0; a < grid.length; a++) {
            int o = a * stride;
            float obj = out[o + 4];
            if (obj < scoreThreshold) continue;
            int best = -1;
            float bestScore = 0;
            for (int c = 0; c < COCO_CLASSES; c++) {
                float s = obj * out[o + 5 + c];
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            if (bestScore < scoreThreshold) continue;
            var cls = TrafficClass.fromCoco(best);
            if (cls.isEmpty()) continue;
            float s = grid[a][2];
            double cx = (out[o] + grid[a][0]) * s;
            double cy = (out[o + 1] + grid[a][1]) * s;
            if (rows < inputSize && (cy < top || cy >= top + rows)) continue; // the other half's
            double w = Math.exp(out[o + 2]) * s;
            double h = Math.exp(out[o + 3]) * s;
            double y1 = Math.max(top, cy - h / 2) - top, y2 = Math.min(top + rows, cy + h / 2) - top;
            Box b = new Box(clamp((cx - w / 2) / r, width), clamp(y1 / r, height),
                    clamp((cx + w / 2) / r, width), clamp(y2 / r, height));
            found.add(new Detection(b, cls.get(), bestScore));
        }
        return found;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static float[][] buildGrid(int size) {
        List<float[]> cells = new ArrayList<>();
        for (int s : STRIDES) {
            int n = size / s;
            for (int gy = 0; gy < n; gy++) {
                for (int gx = 0; gx < n; gx++) cells.add(new float[]{gx, gy, s});
            }
        }
        return cells.toArray(new float[0][]);
    }

    /** Inferences that may run at once. */
    public int workers() {
        return workers;
    }

    @Override
    public synchronized void close() {
        predictors.forEach(Predictor::close);
        model.close();
    }

    /** Hands a ready CHW tensor to the model and returns the first output flattened. */
    private record RawTensor(int size) implements Translator<float[], float[]> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            return new NDList(ctx.getNDManager().create(input, new Shape(1, 3, size, size)));
        }

        @Override
        public ai.djl.translate.Batchifier getBatchifier() {
            return null; // the tensor already carries its batch dimension
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.get(0).toFloatArray();
        }
    }
}
