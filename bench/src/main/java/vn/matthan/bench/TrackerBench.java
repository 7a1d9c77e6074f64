package vn.matthan.bench;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.tracking.VehicleTracker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * tracker-updates: track updates/s with 30 objects per frame (a dense motorbike group), against the bare
 * 30×30 IoU matrix every IoU tracker must compute per frame, in the same run.
 */
final class TrackerBench {
    static BenchResult run(int frames) {
        List<List<Detection>> scene = scene(frames, 30);
        for (int i = 0; i < 3; i++) track(scene);        // warm-up
        for (int i = 0; i < 3; i++) iouOnly(scene);
        double[] trackerRate = new double[5], iouRate = new double[5];
        for (int k = 0; k < 5; k++) {
            trackerRate[k] = track(scene);
            iouRate[k] = iouOnly(scene);
        }
        double updates = DetectorStepBench.median(trackerRate), iou = DetectorStepBench.median(iouRate);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("objects_per_frame", 30);
        details.put("frames", frames);
        details.put("iou_matrix_frames_per_s", BenchResult.round(iou / 30));
        details.put("goal", ">= 50000 updates/s");
        return new BenchResult("tracker-updates", updates, "updates/s", updates / iou,
                "bare 30x30 IoU matrix per frame (object-frames/s), same run", details);
    }

    private static double track(List<List<Detection>> scene) {
        VehicleTracker t = new VehicleTracker();
        long t0 = System.nanoTime();
        for (List<Detection> f : scene) t.update(f);
        return t.updates() / ((System.nanoTime() - t0) / 1e9);
    }

    private static double iouOnly(List<List<Detection>> scene) {
        long t0 = System.nanoTime();
        double sink = 0;
        List<Detection> prev = scene.get(0);
        for (List<Detection> f : scene) {
            for (Detection a : prev) for (Detection b : f) sink += a.box().iou(b.box());
            prev = f;
        }
        if (sink < 0) throw new AssertionError();
        return (double) scene.size() * 30 / ((System.nanoTime() - t0) / 1e9);
    }

    static List<List<Detection>> scene(int frames, int objects) {
        Random r = new Random(11);
        List<List<Detection>> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            List<Detection> dets = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                double x = 100 + (i % 6) * 34 + (f % 200) * 4 + r.nextGaussian();
                double y = 200 + (i / 6) * 44 + (f % 200) + r.nextGaussian();
                dets.add(new Detection(new Box(x, y, x + 30, y + 40), TrafficClass.MOTORBIKE, 0.6 + 0.3 * r.nextDouble()));
            }
            out.add(dets);
        }
        return out;
    }
}
