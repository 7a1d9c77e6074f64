package vn.matthan.detection.model;

import vn.matthan.detection.geometry.Box;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import vn.matthan.ingest.VideoFrame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DEIMv2-Femto (DETR-style, COCO) through DJL + ONNX Runtime. NMS-free; input RGB /255, plain resize to the
 * square input, batched over frames; {@code orig_target_sizes} (w, h) makes the model return boxes in original
 * pixels. Labels are the 0-indexed COCO classes.
 */
public final class DeimDetector implements VehicleDetector {
    private final int inputSize;
    private final double scoreThreshold;
    private final int maxBatch;
    private final Model model;
    private final Predictor<List<VideoFrame>, List<List<Detection>>> predictor;
    private final String modelId;

    public DeimDetector(Path modelFile, int inputSize, double scoreThreshold, int threads, int maxBatch) throws IOException {
        this.inputSize = inputSize;
        this.scoreThreshold = scoreThreshold;
        this.maxBatch = Math.max(1, maxBatch);
        this.model = OnnxModelFile.load(modelFile, threads, List.of("images", "orig_target_sizes"));
        this.modelId = OnnxModelFile.id(modelFile);
        this.predictor = model.newPredictor(new Io());
        OnnxModelFile.warmUp(this, modelFile, "DEIMv2", inputSize);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        return detectBatch(List.of(frame)).get(0);
    }

    @Override
    public synchronized List<List<Detection>> detectBatch(List<VideoFrame> frames) {
        if (frames.isEmpty()) return List.of();
        List<List<Detection>> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i += maxBatch) {
            try {
                out.addAll(predictor.predict(frames.subList(i, Math.min(frames.size(), i + maxBatch))));
            } catch (TranslateException e) {
                throw new IllegalStateException("DEIMv2 inference failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
    }

    private final class Io implements Translator<List<VideoFrame>, List<List<Detection>>> {
        @Override
        public NDList processInput(TranslatorContext ctx, List<VideoFrame> frames) {
            int n = frames.size(), plane = inputSize * inputSize;
            float[] chw = new float[n * 3 * plane];
            long[] sizes = new long[n * 2];
            for (int b = 0; b < n; b++) {
                VideoFrame f = frames.get(b);
                byte[] px = Resize.bgr(f, inputSize, inputSize);
                int base = b * 3 * plane;
                for (int i = 0, p = 0; p < plane; i += 3, p++) {
                    chw[base + p] = (px[i + 2] & 0xff) / 255f;             // R
                    chw[base + plane + p] = (px[i + 1] & 0xff) / 255f;     // G
                    chw[base + 2 * plane + p] = (px[i] & 0xff) / 255f;     // B
                }
                sizes[b * 2] = f.width();
                sizes[b * 2 + 1] = f.height();
            }
            NDManager m = ctx.getNDManager();
            NDArray images = m.create(chw, new Shape(n, 3, inputSize, inputSize));
            images.setName("images");
            NDArray orig = m.create(sizes, new Shape(n, 2));
            orig.setName("orig_target_sizes");
            ctx.setAttachment("frames", frames);
            return new NDList(images, orig);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<List<Detection>> processOutput(TranslatorContext ctx, NDList list) {
            List<VideoFrame> frames = (List<VideoFrame>) ctx.getAttachment("frames");
            NDArray labelsArr = byName(list, "labels", 0), boxesArr = byName(list, "boxes", 1), scoresArr = byName(list, "scores", 2);
            long[] labels = labelsArr.toLongArray();
            float[] boxes = boxesArr.toFloatArray();
            float[] scores = scoresArr.toFloatArray();
            int n = frames.size();
            int queries = (int) scoresArr.getShape().get(1);
            if (labels.length != n * queries || boxes.length != n * queries * 4) {
                throw new IllegalStateException("DEIMv2 output shapes do not match: labels " + labelsArr.getShape()
                        + ", boxes " + boxesArr.getShape() + ", scores " + scoresArr.getShape());
            }
            List<List<Detection>> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                VideoFrame f = frames.get(b);
                List<Detection> found = new ArrayList<>();
                for (int q = 0; q < queries; q++) {
                    int k = b * queries + q;
                    if (scores[k] < scoreThreshold) continue;
                    var cls = TrafficClass.fromCoco((int) labels[k]);
                    if (cls.isEmpty()) continue;
                    int o = k * 4;
                    found.add(new Detection(new Box(clamp(boxes[o], f.width()), clamp(boxes[o + 1], f.height()),
                            clamp(boxes[o + 2], f.width()), clamp(boxes[o + 3], f.height())), cls.get(), scores[k]));
                }
                out.add(found);
            }
            return out;
        }

        @Override
        public Batchifier getBatchifier() {
            return null; // the batch is built in processInput
        }
    }

    private static NDArray byName(NDList list, String name, int index) {
        NDArray a = list.get(name);
        return a != null ? a : list.get(index);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
