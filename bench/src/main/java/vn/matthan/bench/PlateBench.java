package vn.matthan.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.pipeline.DetectionConfig;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.detection.plate.PlateReader;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.VietnamesePlate;
import vn.matthan.testscenes.PlateEvaluation;
import vn.matthan.testscenes.PlateGeneratorSpec;
import vn.matthan.testscenes.PlateImages;
import vn.matthan.testscenes.PlateScenes;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * plate-accuracy and plate-read-rate: the plate recogniser on generated Vietnamese plates (held-out seeds of PlateScenes,
 * clean and degraded, plus the own generator for comparison) and on the real plates of the shared assets; the read rate on one core (ONNX Runtime with one thread)
 * from vehicle crops, against the bare model work per plate (one locator and one reader {@code OrtSession.run}).
 */
final class PlateBench {
    private PlateBench() {
    }

    /** The node's default plate reader (the shipped models, one ONNX Runtime thread, the default threshold). */
    static PlateRecognizer recognizer(Path assets) throws Exception {
        return DetectionConfig.defaults(assets.resolve("models")).plates().create();
    }

    /**
     * Reported on {@link PlateGeneratorSpec#HELD_OUT} pictures of {@link PlateScenes} (nothing is tuned on them); the
     * own generator's figures, on which the reader was tuned, are kept apart for comparison.
     */
    static BenchResult accuracy(Path assets, int plates, int vehicleCrops, int ownPlates, int ownCrops) throws Exception {
        try (PlateRecognizer r = recognizer(assets)) {
            PlateScenes scenes = new PlateScenes(assets);
            var held = PlateGeneratorSpec.HELD_OUT;
            // Disjoint seeds per set: clean, degraded, vehicle crops clean, vehicle crops degraded.
            var clean = PlateEvaluation.run(r, scenes, held, 0, plates, false, PlateEvaluation.Start.PLATE_REGION);
            var degraded = PlateEvaluation.run(r, scenes, held, plates, plates, true, PlateEvaluation.Start.PLATE_REGION);
            var cropClean = PlateEvaluation.run(r, scenes, held, 2 * plates, vehicleCrops, false, PlateEvaluation.Start.VEHICLE_CROP);
            var cropDegraded = PlateEvaluation.run(r, scenes, held, 2 * plates + vehicleCrops, vehicleCrops, true, PlateEvaluation.Start.VEHICLE_CROP);
            Map<String, String> real = realReads(assets, r);
            long realExact = real.entrySet().stream().filter(e -> e.getKey().equals(e.getValue())).count();
            List<PlateEvaluation.Outcome> all = new ArrayList<>(clean);
            all.addAll(degraded);
            List<PlateEvaluation.Outcome> crops = new ArrayList<>(cropClean);
            crops.addAll(cropDegraded);
            double cleanExact = PlateEvaluation.exactShare(clean);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("generator", "PlateScenes: " + String.join(", ", scenes.typefaces()) + "; tilt <= " + PlateScenes.MAX_TILT_DEG
                    + " deg, width " + PlateScenes.MIN_WIDTH_PX + "-" + PlateScenes.MAX_WIDTH_PX + " px, motion/defocus blur, JPEG "
                    + PlateScenes.MIN_JPEG + "-" + PlateScenes.MAX_JPEG + ", noise, day/night/infrared, bolt or dirt; on "
                    + scenes.backgrounds() + " real photo/clip backgrounds");
            d.put("seeds", held.name() + " " + held.from() + " + [0, " + (2 * plates + 2 * vehicleCrops) + ")");
            d.put("clean_exact", BenchResult.round(cleanExact));
            d.put("degraded_exact", BenchResult.round(PlateEvaluation.exactShare(degraded)));
            d.put("plates_per_set", plates);
            d.put("start", "plate region (the generator's four corners, as a localiser gives them) -> rectify -> read -> grammar");
            d.put("vehicle_crop_clean_exact", BenchResult.round(PlateEvaluation.exactShare(cropClean)));
            d.put("vehicle_crop_degraded_exact", BenchResult.round(PlateEvaluation.exactShare(cropDegraded)));
            d.put("localisation_recall_clean", BenchResult.round(PlateEvaluation.locatedShare(cropClean)));
            d.put("localisation_recall_degraded", BenchResult.round(PlateEvaluation.locatedShare(cropDegraded)));
            d.put("localisation_recall_means", "one of the " + PlateRecognizer.TRIED + " candidates the recogniser reads overlaps the true plate (IoU >= 0.3)");
            d.put("vehicle_crop_plates_per_set", vehicleCrops);
            Map<String, Object> kinds = new LinkedHashMap<>();
            for (VietnamesePlate.Format f : PlateEvaluation.KINDS) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("clean_exact", BenchResult.round(PlateEvaluation.exactShare(ofKind(clean, f))));
                k.put("degraded_exact", BenchResult.round(PlateEvaluation.exactShare(ofKind(degraded, f))));
                k.put("vehicle_crop_clean_exact", BenchResult.round(PlateEvaluation.exactShare(ofKind(cropClean, f))));
                k.put("vehicle_crop_degraded_exact", BenchResult.round(PlateEvaluation.exactShare(ofKind(cropDegraded, f))));
                k.put("localisation_recall_clean", BenchResult.round(PlateEvaluation.locatedShare(ofKind(cropClean, f))));
                k.put("localisation_recall_degraded", BenchResult.round(PlateEvaluation.locatedShare(ofKind(cropDegraded, f))));
                kinds.put(kindName(f), k);
            }
            d.put("by_kind", kinds);
            d.put("confidence_threshold", DetectionConfig.DEFAULT_PLATE_THRESHOLD);
            d.put("auto_accepted_share_clean", share(clean));
            d.put("auto_accepted_share_degraded", share(degraded));
            d.put("vehicle_crop_auto_accepted_share_clean", share(cropClean));
            d.put("vehicle_crop_auto_accepted_share_degraded", share(cropDegraded));
            d.put("wrong_reads_above_threshold", PlateEvaluation.wrongWithoutCheck(all).size() + PlateEvaluation.wrongWithoutCheck(crops).size());
            d.put("wrong_reads_total", all.stream().filter(PlateEvaluation.Outcome::wrong).count() + crops.stream().filter(PlateEvaluation.Outcome::wrong).count());
            d.put("real_exact", BenchResult.round(realExact / (double) real.size()));
            d.put("real_reads", real);
            d.put("confidence_accuracy_curve", curve(all));
            d.put("own_generator_comparison", ownGenerator(r, ownPlates, ownCrops));
            d.put("goal", "clean_exact >= 0.95, degraded_exact >= 0.85, wrong_reads_above_threshold = 0, real_exact = 1");
            return new BenchResult("plate-accuracy", cleanExact, "exact share (held-out clean)", cleanExact / 0.95, "acceptance bound 0.95 (ratio = value / bound)", d);
        }
    }

    /** The figures on PlateImages, the generator the reader was tuned on (seeds 101-104), for comparison only. */
    private static Map<String, Object> ownGenerator(PlateRecognizer r, int plates, int vehicleCrops) throws Exception {
        PlateImages images = new PlateImages();
        var clean = PlateEvaluation.run(r, images, plates, 101, false, PlateEvaluation.Start.PLATE_REGION);
        var degraded = PlateEvaluation.run(r, images, plates, 102, true, PlateEvaluation.Start.PLATE_REGION);
        var cropClean = PlateEvaluation.run(r, images, vehicleCrops, 103, false, PlateEvaluation.Start.VEHICLE_CROP);
        var cropDegraded = PlateEvaluation.run(r, images, vehicleCrops, 104, true, PlateEvaluation.Start.VEHICLE_CROP);
        List<PlateEvaluation.Outcome> all = new ArrayList<>(clean);
        all.addAll(degraded);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generator", "PlateImages (DejaVu Sans Condensed Bold on a drawn vehicle; the reader was tuned on it)");
        d.put("clean_exact", BenchResult.round(PlateEvaluation.exactShare(clean)));
        d.put("degraded_exact", BenchResult.round(PlateEvaluation.exactShare(degraded)));
        d.put("plates_per_set", plates);
        d.put("two_line_share", BenchResult.round(clean.stream().filter(o -> o.format() != VietnamesePlate.Format.CAR_ONE_LINE).count() / (double) plates));
        d.put("wrong_reads_without_human_check", PlateEvaluation.wrongWithoutCheck(all).size());
        d.put("auto_accepted_share_clean", share(clean));
        d.put("auto_accepted_share_degraded", share(degraded));
        d.put("vehicle_crop_clean_exact", BenchResult.round(PlateEvaluation.exactShare(cropClean)));
        d.put("vehicle_crop_degraded_exact", BenchResult.round(PlateEvaluation.exactShare(cropDegraded)));
        d.put("vehicle_crop_located", BenchResult.round((PlateEvaluation.locatedShare(cropClean) + PlateEvaluation.locatedShare(cropDegraded)) / 2));
        d.put("vehicle_crop_plates_per_set", vehicleCrops);
        d.put("vehicle_crop_wrong_without_human_check", PlateEvaluation.wrongWithoutCheck(cropClean).size() + PlateEvaluation.wrongWithoutCheck(cropDegraded).size());
        return d;
    }

    private static List<Map<String, Object>> curve(List<PlateEvaluation.Outcome> all) {
        List<Map<String, Object>> curve = new ArrayList<>();
        for (PlateEvaluation.CurvePoint p : PlateEvaluation.curve(all)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("threshold", p.threshold());
            c.put("auto_accepted", BenchResult.round(p.coverage()));
            c.put("accuracy_of_accepted", BenchResult.round(p.accuracy()));
            c.put("wrong_accepted", p.wrongAccepted());
            curve.add(c);
        }
        return curve;
    }

    private static List<PlateEvaluation.Outcome> ofKind(List<PlateEvaluation.Outcome> o, VietnamesePlate.Format f) {
        return o.stream().filter(x -> x.format() == f).toList();
    }

    private static String kindName(VietnamesePlate.Format f) {
        return switch (f) {
            case CAR_ONE_LINE -> "one_line_car";
            case CAR_TWO_LINE -> "two_line_car";
            default -> "motorbike";
        };
    }

    private static double share(List<PlateEvaluation.Outcome> o) {
        return BenchResult.round(o.stream().filter(x -> x.read() != null && !x.needsHumanCheck()).count() / (double) o.size());
    }

    /** The real plates: 5AU5341 from the whole car picture (detector → locator → reader), the two crops by the reader. */
    static Map<String, String> realReads(Path assets, PlateRecognizer r) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        VideoFrame car = StillImage.read("bench", assets.resolve("images/fastalpr_car_plate_5AU5341.png"));
        try (YoloxDetector d = new YoloxDetector(assets.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 1)) {
            Box b = d.detect(car).stream().filter(x -> x.trafficClass().isVehicle()).max(Comparator.comparingDouble(x -> x.box().area()))
                    .map(Detection::box).orElseThrow();
            out.put("5AU5341", r.recognize(car.bgr(), car.width(), car.height(), b, TrafficClass.CAR).raw());
        }
        try (PlateReader reader = new PlateReader(assets.resolve("models/cct_xs_v1_global.onnx"), 1)) {
            for (String name : List.of("AD799KB", "KRW301")) {
                VideoFrame f = StillImage.read("bench", assets.resolve("images/plate_crop_" + name + ".png"));
                out.put(name, reader.read(f.bgr(), f.width(), f.height()).text());
            }
        }
        return out;
    }

    static BenchResult readRate(Path assets, int crops, int rounds) throws Exception {
        PlateImages images = new PlateImages();
        Random rng = new Random(201);
        List<PlateImages.Sample> samples = new ArrayList<>();
        for (int i = 0; i < crops; i++) samples.add(images.sample(rng, i % 2 == 1, false));
        try (PlateRecognizer r = recognizer(assets);
             PlateReader reader = new PlateReader(assets.resolve("models/cct_xs_v1_global.onnx"), 1);
             OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession lpd = env.createSession(assets.resolve("models/license_plate_detection_lpd_yunet_2023mar.onnx").toString(), opts);
                 OrtSession cct = env.createSession(assets.resolve("models/cct_xs_v1_global.onnx").toString(), opts)) {
                float[] lpdIn = new float[3 * 240 * 320];
                byte[] cctIn = new byte[64 * 128 * 3];
                Random noise = new Random(1);
                for (int i = 0; i < lpdIn.length; i++) lpdIn[i] = noise.nextInt(256);
                noise.nextBytes(cctIn);
                Runnable bareLocator = () -> run(env, lpd, "input", FloatBuffer.wrap(lpdIn), new long[]{1, 3, 240, 320});
                Runnable bareReader = () -> runBytes(env, cct, cctIn);
                PlateImages.Sample one = samples.get(0);
                var plate = vn.matthan.detection.plate.PlateRectifier.rectify(one.bgr(), one.width(), one.height(), one.corners(), 0.05);
                Runnable readerStep = () -> reader.read(plate.bgr(), plate.width(), plate.height());
                int[] next = {0};
                Runnable fullPath = () -> {
                    PlateImages.Sample s = samples.get(next[0]++ % samples.size());
                    r.recognize(s.bgr(), s.width(), s.height(), new Box(0, 0, s.width(), s.height()), s.vehicleClass());
                };
                for (int i = 0; i < 10; i++) {
                    bareLocator.run();
                    bareReader.run();
                    readerStep.run();
                    fullPath.run();
                }
                double[] full = new double[rounds], loc = new double[rounds], rd = new double[rounds], step = new double[rounds];
                for (int k = 0; k < rounds; k++) {
                    full[k] = DetectorStepBench.msPerCall(fullPath, crops);
                    loc[k] = DetectorStepBench.msPerCall(bareLocator, 20);
                    rd[k] = DetectorStepBench.msPerCall(bareReader, 50);
                    step[k] = DetectorStepBench.msPerCall(readerStep, 50);
                }
                double fullMs = DetectorStepBench.median(full), locMs = DetectorStepBench.median(loc), rdMs = DetectorStepBench.median(rd);
                double stepMs = DetectorStepBench.median(step);
                double platesPerS = 1000 / fullMs, bareFloor = 1000 / (locMs + rdMs);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("ms_per_plate", BenchResult.round(fullMs));
                d.put("path", "vehicle crop -> locate (whole crop, lower part, lower centre; refine) -> rectify (3 margins) -> read (whole + rows) -> vote -> grammar");
                d.put("bare_locator_run_ms", BenchResult.round(locMs));
                d.put("bare_reader_run_ms", BenchResult.round(rdMs));
                d.put("bare_plates_per_s", BenchResult.round(bareFloor));
                d.put("reader_step_ms", BenchResult.round(stepMs));
                d.put("reader_step_vs_bare_run", BenchResult.round(stepMs / rdMs));
                d.put("intra_op_threads", 1);
                d.put("crops", crops);
                d.put("rounds", rounds);
                d.put("statistic", "median of per-round means");
                return new BenchResult("plate-read-rate", platesPerS, "plates/s (1 core)", platesPerS / bareFloor,
                        "bare OrtSession.run of one locator + one reader call per plate, 1 thread, same process", d);
            }
        }
    }

    private static void run(OrtEnvironment env, OrtSession s, String input, FloatBuffer data, long[] shape) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, data, shape); OrtSession.Result out = s.run(Map.of(input, t))) {
            out.get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runBytes(OrtEnvironment env, OrtSession s, byte[] rgb) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, ByteBuffer.wrap(rgb), new long[]{1, 64, 128, 3}, OnnxJavaType.UINT8);
             OrtSession.Result out = s.run(Map.of("input", t))) {
            out.get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
