package vn.matthan.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import vn.matthan.detection.YoloxDetector;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * detector-step-vs-bare: the whole detection step (letterbox + DJL/ONNX Runtime inference + decode + NMS) on a
 * 1280×720 frame, against a bare {@code OrtSession.run} of the same model on a 416×416 tensor, in the same
 * process, alternating rounds so that machine noise hits both alike.
 */
final class DetectorStepBench {
    static BenchResult run(Path assets, int rounds, int perRound) throws Exception {
        Path model = assets.resolve("models/yolox_nano.onnx");
        int threads = Runtime.getRuntime().availableProcessors();
        VideoFrame frame = StillImage.read("bench", assets.resolve("images/udacity_highway_test1.jpg"));
        try (YoloxDetector step = new YoloxDetector(model, 416, 0.3, 0.45, threads);
             OrtEnvironment env = OrtEnvironment.getEnvironment();
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
                         OrtSession.Result out = bare.run(Map.of("images", t))) {
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
                double[] bareMs = new double[rounds];
                double[] stepMs = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    bareMs[k] = msPerCall(bareRun, perRound);
                    stepMs[k] = msPerCall(stepRun, perRound);
                }
                double bareMedian = median(bareMs);
                double stepMedian = median(stepMs);
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("model", "yolox_nano.onnx");
                details.put("input", "416x416, frame 1280x720 (images/udacity_highway_test1.jpg)");
                details.put("step_ms_per_frame", BenchResult.round(stepMedian));
                details.put("bare_ms_per_frame", BenchResult.round(bareMedian));
                details.put("intra_op_threads", threads);
                details.put("rounds", rounds);
                details.put("calls_per_round", perRound);
                details.put("goal", "ratio <= 1.25");
                return new BenchResult("detector-step-vs-bare", stepMedian, "ms/frame", stepMedian / bareMedian,
                        "bare OrtSession.run on the same model and input size, same process", details);
            }
        }
    }

    private static double msPerCall(Runnable r, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) r.run();
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
