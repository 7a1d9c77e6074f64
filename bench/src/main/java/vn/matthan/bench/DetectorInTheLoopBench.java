package vn.matthan.bench;

import vn.matthan.detection.model.FrameRegion;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.model.TiledDetector;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.scene.DepthTiles;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.testscenes.GroundTruth;
import vn.matthan.testscenes.JunctionLayout;
import vn.matthan.testscenes.JunctionSimulation;
import vn.matthan.testscenes.RulesEvaluation;
import vn.matthan.testscenes.VehicleSprites;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * rules-accuracy-detector: the rules judged with the real YOLOX-Nano in the loop. Held-out junction scenes (seeds
 * 110–112; the tests develop on 11–13 and 21–23, the rules on 31–32 too; 107–109 were reported on until the kerb traffic
 * changed (two cars may share the kerb, more than twice as many stops; their mistakes were listed, never traced); 104–106 were reported on until seed 104's missed red-light runner was
 * read to find the unseen crossing; 101–103 were reported on until their mistake lists were read to find
 * the wrong-way false reports, so they are no longer held out) with kerb stops, the PHOTOGRAPHED fleet (cars cut from the shared
 * photographs and clips; the shared assets hold no two-wheeler, so none is drawn), rendered and detected on depth
 * tiles of the calibrated road; the detector's boxes feed the tracker, the rules and the count line. The same scenes
 * with the ground-truth boxes are the reference in the same run.
 */
final class DetectorInTheLoopBench {
    private static final long[] SEEDS = {110, 111, 112};
    private static final double SECONDS = 240;
    private static final List<ViolationType> TYPES = List.of(ViolationType.RED_LIGHT, ViolationType.LANE,
            ViolationType.WRONG_WAY, ViolationType.PARKING);
    /** Depth tiles: a car (1.8 m) at the far end reaches the model at >= 32 px; 6 m of road shared by bands; <= 6 runs. */
    static final double CAR_M = 1.8, MIN_PX = 32, OVERLAP_M = 6;
    static final int MAX_TILES = 6;

    private DetectorInTheLoopBench() {
    }

    static List<BenchResult> run(Path assets) throws Exception {
        SceneCalibration scene = calibration();
        List<GroundTruth> scenes = new ArrayList<>();
        for (long seed : SEEDS) {
            scenes.add(new JunctionSimulation(seed, SECONDS).withFleet(JunctionSimulation.Fleet.PHOTOGRAPHED)
                    .withKerbStops(JunctionSimulation.randomKerbStops(seed, SECONDS)).run());
        }
        RulesEvaluation.Result gt = RulesAccuracyBench.evaluate(scenes, scene, new RulesEvaluation.Noise(0, 0, 0));
        List<RulesEvaluation.Result> detParts = new ArrayList<>();
        List<FrameRegion> tiles = DepthTiles.of(scene, 416, CAR_M, MIN_PX, OVERLAP_M, MAX_TILES);
        long t0;
        double seconds;
        Map<String, Integer> spriteCounts;
        // The camera pipeline's detector threshold (config/detection.yaml's default).
        double scoreThreshold = DetectionConfig.defaults(assets.resolve("models")).scoreThreshold();
        try (YoloxDetector yolox = new YoloxDetector(assets.resolve("models/yolox_nano.onnx"), 416, scoreThreshold, 0.45, 2)) {
            VehicleSprites sprites = VehicleSprites.harvest(assets, yolox);
            spriteCounts = sprites.counts();
            TiledDetector tiled = new TiledDetector(yolox, tiles);
            t0 = System.nanoTime();
            for (GroundTruth g : scenes) detParts.add(RulesEvaluation.evaluate(g, scene, tiled, sprites));
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        RulesEvaluation.Result det = RulesEvaluation.Result.combine(detParts);

        Map<String, Object> d = new LinkedHashMap<>();
        double value = 1, reference = 1;
        for (ViolationType t : TYPES) {
            RulesEvaluation.TypeScore s = det.scores().get(t), r = gt.scores().get(t);
            value = Math.min(value, Math.min(s.precision(), s.recall()));
            reference = Math.min(reference, Math.min(r.precision(), r.recall()));
            d.put(t.code(), Map.of("truth", s.truth(),
                    "detector", score(s), "ground_truth_boxes", score(r)));
        }
        RulesEvaluation.TypeScore sp = det.scores().get(ViolationType.SPEEDING);
        d.put("speeding_not_in_value", Map.of("detector", score(sp), "ground_truth_boxes", score(gt.scores().get(ViolationType.SPEEDING)),
                "why", "fast cars far up the approach are lost for a few frames; the speed needs 1.8 s of unbroken track"));
        d.put("passages_truth", det.passagesTruth());
        d.put("passages_counted_detector", det.passagesCounted());
        d.put("passage_count_error_detector", BenchResult.round(Math.abs(det.passagesCounted() - det.passagesTruth()) / (double) det.passagesTruth()));
        d.put("passage_count_max_error_per_lane_class_direction_detector", BenchResult.round(det.maxPassageError()));
        Map<String, String> perKey = new LinkedHashMap<>();
        det.passageCounts().forEach((k, v) -> perKey.put(k, v[1] + "/" + v[0]));
        d.put("counted_of_truth_per_lane_class_direction_detector", perKey);
        d.put("passage_count_error_ground_truth_boxes", BenchResult.round(gt.maxPassageError()));
        d.put("detector_score_threshold", scoreThreshold);
        d.put("tiles", tiles.stream().map(t -> t.width() + "x" + t.height() + "+" + t.x() + "+" + t.y()).toList());
        d.put("tiling", "DepthTiles: a 1.8-m car at each band's far edge >= " + (int) MIN_PX + " px at the 416 input, bands overlap "
                + (int) OVERLAP_M + " m, at most " + MAX_TILES + " tiles");
        d.put("detector_ms_per_frame", BenchResult.round(seconds * 1000 / det.frames()));
        d.put("sprites", spriteCounts);
        d.put("fleet", "PHOTOGRAPHED: cars only (the shared assets photograph no bus, truck or two-wheeler); wrong-way riders drawn as cars");
        d.put("scenes", SEEDS.length + " x " + (int) SECONDS + " s at 10 fps with kerb stops, " + det.frames() + " frames, held-out seeds 110-112");
        d.put("mistakes_detector", det.mistakes().stream().limit(12).toList());
        d.put("goal", "precision >= 0.95 and recall >= 0.90 per type with the detector; passage count error <= 0.03");
        return List.of(new BenchResult("rules-accuracy-detector", value, "min(precision, recall) over red light, lane, wrong way, parking",
                reference == 0 ? 0 : value / reference, "the same scenes with ground-truth boxes, same run (min " + BenchResult.round(reference) + ")", d));
    }

    private static Map<String, Object> score(RulesEvaluation.TypeScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", BenchResult.round(s.precision()));
        m.put("recall", BenchResult.round(s.recall()));
        m.put("true_positives", s.truePositives());
        m.put("false_positives", s.falsePositives());
        m.put("false_negatives", s.falseNegatives());
        return m;
    }

    /** The junction as a vision camera sees it, with the kerb no-parking zone and the no-stopping queue zone. */
    static SceneCalibration calibration() throws Exception {
        return RulesAccuracyBench.load(JunctionLayout.calibrationYaml("vision", List.of()));
    }
}
