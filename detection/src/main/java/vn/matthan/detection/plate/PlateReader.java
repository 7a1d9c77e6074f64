package vn.matthan.detection.plate;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import vn.matthan.detection.model.OnnxModelFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Reads the characters of one plate row (or a whole plate) with fast-plate-ocr's {@code cct_xs_v1_global} model
 * (DJL + ONNX Runtime): the image is resized to 128×64 without keeping its aspect (as the model was trained), RGB
 * uint8; each of the 9 output slots is a distribution over {@code 0-9A-Z_} ({@code _} = empty).
 */
public final class PlateReader implements AutoCloseable {
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    static final int W = 128, H = 64, SLOTS = 9;

    /** A read: one character per non-empty slot, its probability, and the runner-up per slot (for repairs). */
    public record Read(String text, double[] confidence, char[] second, double[] secondConfidence, double emptyConfidence) {
        /** The weakest slot, empty slots included: a character the model hesitated to drop counts as a doubt. */
        public double minConfidence() {
            double m = emptyConfidence;
            for (double c : confidence) m = Math.min(m, c);
            return m;
        }
    }

    private final Model model;
    private final Predictor<byte[], float[]> predictor;
    private final String modelId;

    public PlateReader(Path modelFile, int threads) throws IOException {
        this.model = OnnxModelFile.load(modelFile, threads, List.of("input"));
        this.modelId = OnnxModelFile.id(modelFile);
        this.predictor = model.newPredictor(new Raw());
    }

    public String modelId() {
        return modelId;
    }

    /** Reads a packed BGR image of any size. */
    public synchronized Read read(byte[] bgr, int width, int height) {
        byte[] rgb = new byte[W * H * 3];
        try (BytePointer src = new BytePointer(bgr); Mat in = new Mat(height, width, CV_8UC3, src); Mat small = new Mat(); Mat out = new Mat()) {
            resize(in, small, new Size(W, H), 0, 0, INTER_LINEAR);
            cvtColor(small, out, COLOR_BGR2RGB);
            out.data().get(rgb);
        }
        float[] p;
        try {
            p = predictor.predict(rgb);
        } catch (TranslateException e) {
            throw new IllegalStateException("plate reader failed: " + e.getMessage(), e);
        }
        return decode(p);
    }

    static Read decode(float[] p) {
        StringBuilder text = new StringBuilder();
        double[] conf = new double[SLOTS], secondConf = new double[SLOTS];
        char[] second = new char[SLOTS];
        int n = 0;
        double empty = 1;
        for (int s = 0; s < SLOTS; s++) {
            int best = 0, next = -1;
            for (int c = 1; c < ALPHABET.length(); c++) {
                if (p[s * ALPHABET.length() + c] > p[s * ALPHABET.length() + best]) {
                    next = best;
                    best = c;
                } else if (next < 0 || p[s * ALPHABET.length() + c] > p[s * ALPHABET.length() + next]) {
                    next = c;
                }
            }
            char ch = ALPHABET.charAt(best);
            if (ch == '_') {
                empty = Math.min(empty, p[s * ALPHABET.length() + best]);
                continue;
            }
            text.append(ch);
            conf[n] = p[s * ALPHABET.length() + best];
            second[n] = ALPHABET.charAt(next);
            secondConf[n] = p[s * ALPHABET.length() + next];
            n++;
        }
        return new Read(text.toString(), java.util.Arrays.copyOf(conf, n), java.util.Arrays.copyOf(second, n),
                java.util.Arrays.copyOf(secondConf, n), empty);
    }

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
    }

    private record Raw() implements Translator<byte[], float[]> {
        @Override
        public NDList processInput(TranslatorContext ctx, byte[] rgb) {
            NDArray a = ctx.getNDManager().create(ByteBuffer.wrap(rgb), new Shape(1, H, W, 3), DataType.UINT8);
            a.setName("input");
            return new NDList(a);
        }

        @Override
        public Batchifier getBatchifier() {
            return null;
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }
}
