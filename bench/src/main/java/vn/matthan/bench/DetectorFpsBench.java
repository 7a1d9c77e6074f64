package vn.matthan.bench;

import vn.matthan.detection.model.BatchingDetector;
import vn.matthan.detection.model.DeimDetector;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * detector-fps: analysed frames/s of the default model with four camera threads sharing it (batched where the
 * model allows), against one camera calling it alone in the same run. Also reports FLOP/s achieved against
 * the CPU's nominal peak.
 */
final class DetectorFpsBench {
    /** YOLOX-Nano at 416: 1.08 GFLOPs as published by YOLOX (thop MACs × 2, see yolox/utils/model_utils.py). */
    static final double YOLOX_NANO_FLOP = 1.08e9;
    /** Zen 4 / AVX-512: two 256-bit FMA pipes = 16 FP32 FMA = 32 FLOP per cycle and core (nominal). */
    static final double FLOP_PER_CYCLE = 32;

    static BenchResult run(Path assets, double seconds) throws Exception {
        VideoFrame frame = StillImage.read("bench", assets.resolve("images/udacity_highway_test1.jpg"));
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Object> details = new LinkedHashMap<>();
        double single, four;
        try (VehicleDetector yolox = new YoloxDetector(assets.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, cores)) {
            fps(yolox, frame, 1, 2); // warm-up
            single = fps(yolox, frame, 1, seconds);
            four = fps(yolox, frame, 4, seconds);
        }
        try (VehicleDetector deim = new BatchingDetector(new DeimDetector(
                assets.resolve("models/deimv2_hgnetv2_femto_coco.onnx"), 416, 0.3, cores, 4))) {
            fps(deim, frame, 4, 2);
            details.put("deimv2_fps_1_camera", BenchResult.round(fps(deim, frame, 1, seconds)));
            details.put("deimv2_fps_4_cameras_batched", BenchResult.round(fps(deim, frame, 4, seconds)));
            details.put("deimv2_mean_batch", BenchResult.round(((BatchingDetector) deim).meanBatchSize()));
        }
        double ghz = Machine.ghz();
        double peak = cores * ghz * 1e9 * FLOP_PER_CYCLE;
        double achieved = four * YOLOX_NANO_FLOP;
        details.put("model", "yolox_nano.onnx (default; fixed batch 1, cameras share it in turn)");
        details.put("cameras", 4);
        details.put("yolox_fps_1_camera", BenchResult.round(single));
        details.put("cameras_at_5_fps", (int) Math.floor(four / 5));
        details.put("gflops_achieved", BenchResult.round(achieved / 1e9));
        details.put("gflops_peak_nominal", BenchResult.round(peak / 1e9));
        details.put("peak_share", BenchResult.round(achieved / peak));
        details.put("cpu_ghz", ghz);
        details.put("peak_basis", "cores x base clock x 32 FP32 FLOP/cycle (2 x 256-bit FMA); turbo clocks raise the real peak");
        details.put("goal", ">= 40 frames/s (8 cameras at 5 fps)");
        return new BenchResult("detector-fps", four, "frames/s", four / single,
                "one camera alone on the same model, same run", details);
    }

    /** Frames/s over all camera threads, each calling the detector as fast as it answers. */
    static double fps(VehicleDetector d, VideoFrame frame, int cameras, double seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(cameras);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        for (int c = 0; c < cameras; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    d.detect(frame);
                    done.incrementAndGet();
                }
                finished.countDown();
            });
            t.setDaemon(true);
            t.start();
        }
        finished.await();
        return done.get() / ((System.nanoTime() - t0) / 1e9);
    }
}
