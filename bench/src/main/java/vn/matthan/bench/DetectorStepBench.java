package vn.matthan.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import vn.matthan.detection.model.DeimDetector;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * detector-step-vs-bare: the whole detection step (resize + DJL/ONNX Runtime inference + decode/NMS) on a
 * 1280×720 frame, against a bare {@code OrtSession.run} of the same model on a 416×416 tensor, in the same
 * process, alternating rounds so that machine noise hits both alike. One figure per model.
 */
final class DetectorStepBench {
    static BenchResult yolox(Path assets, int rounds, int perRound) throws Exception {
        Path model = assets.resolve("models/yolox_nano.onnx");
        int threads = Runtime.getRuntime().availableProcessors();
        try (YoloxDetector step = new YoloxDetector(model, 416, 0.3, 0.45, threads)) {
            return run("detector-step-vs-bare", step, model, assets, rounds, perRound, false);
        }
    }

    static BenchResult deim(Path assets, int rounds, int perRound) throws Exception {
        Path model = assets.resolve("models/deimv2_hgnetv2_femto_coco.onnx");
        int threads = Runtime.getRuntime().availableProcessors();
        try (DeimDetector step = new DeimDetector(model, 416, 0.3, threads, 1)) {
            return run("detector-step-vs-bare-deimv2", step, model, assets, rounds, perRound, true);
        }
    }

    private static BenchResult run(String name, VehicleDetector step, Path model, Path assets, int rounds, int perRound,
                                   boolean withSizes) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        VideoFrame frame = StillImage.read("bench", assets.resolve("images/udacity_highway_test1.jpg"));
        try (OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession bare = env.createSession(model.toString(), opts)) {
                float[] tensor = new float[3 * 416 * 416];
                Random r = new Random(1);
                for (int i = 0; i < tensor.length; i++) tensor[i] = r.nextInt(256);
                Runnable bareRun = () -> {
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), new long[]{1, 3, 416, 416});
                         OnnxTensor sizes = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{1280, 720}), new long[]{1, 2});
                         OrtSession.Result out = bare.run(withSizes ? Map.of("images", t, "orig_target_sizes", sizes)
                                 : Map.of("images", t))) {
                        out.get(0);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                Runnable stepRun = () -> step.detect(frame);
                for (int i = 0; i < 20; i++) {
                    bareRun.run();
                    stepRun.run();
                }
                // Alternate blocks of calls (single calls would let one session's spinning ONNX Runtime threads
                // slow the other); the median block drops rounds hit by a noisy neighbour.
                double[] bareMs = new double[rounds];
                double[] stepMs = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    bareMs[k] = msPerCall(bareRun, perRound);
                    stepMs[k] = msPerCall(stepRun, perRound);
                }
                double bareMedian = median(bareMs);
                double stepMedian = median(stepMs);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("model", model.getFileName().toString());
                details.put("input", "416x416, frame 1280x720 (images/udacity_highway_test1.jpg)");
                details.put("step_ms_per_frame", BenchResult.round(stepMedian));
                details.put("bare_ms_per_frame", BenchResult.round(bareMedian));
                details.put("intra_op_threads", threads);
                details.put("rounds", rounds);
                details.put("calls_per_round", perRound);
                details.put("statistic", "median of per-round means");
                details.put("goal", "ratio <= 1.25");
                return new BenchResult(name, stepMedian, "ms/frame", stepMedian / bareMedian,
                        "bare OrtSession.run on the same model and input size, same process", details);
            }
        }
    }

    static double msPerCall(Runnable r, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) r.run();
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
