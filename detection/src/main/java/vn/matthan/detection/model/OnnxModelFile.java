package vn.matthan.detection.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Loads an ONNX file into DJL's ONNX Runtime engine, offline, and checks its tensors before any frame is run. */
public final class OnnxModelFile {
    private OnnxModelFile() {
    }

    /**
     * @param expectedInputs input names the detector feeds
     */
    public static Model load(Path file, int threads, List<String> expectedInputs) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("model file not found: " + file.toAbsolutePath());
        Model model = Model.newInstance(file.getFileName().toString(), "OnnxRuntime");
        try {
            model.load(file.getParent(), file.getFileName().toString(),
                    Map.of("intraOpNumThreads", String.valueOf(threads), "interOpNumThreads", "1", "optLevel", "ALL_OPT"));
            // DJL reports names but not shapes of ONNX inputs: shapes are proven by warmUp().
            PairList<String, Shape> inputs = model.describeInput();
            for (String name : expectedInputs) {
                if (!inputs.keys().contains(name)) {
                    throw new IOException("model " + file.getFileName() + " has no input '" + name + "' (inputs: " + inputs.keys() + ")");
                }
            }
            return model;
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("not a loadable ONNX model: " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Runs a grey frame through a freshly loaded detector: proves the model's tensor shapes before any camera uses
     * it (DJL does not report ONNX input shapes), and warms ONNX Runtime up. Closes the detector if it fails.
     */
    static void warmUp(VehicleDetector detector, Path file, String family, int inputSize) throws IOException {
        try {
            detector.detect(new vn.matthan.ingest.VideoFrame("warm-up", 0, java.time.Instant.now(), 0, inputSize,
                    inputSize, new byte[inputSize * inputSize * 3]));
        } catch (RuntimeException e) {
            detector.close();
            throw new IOException("model " + file.getFileName() + " does not work as " + family + " at " + inputSize
                    + " px: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    public static String id(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return file.getFileName() + "@sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
