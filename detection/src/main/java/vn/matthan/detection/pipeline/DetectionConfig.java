package vn.matthan.detection.pipeline;

import vn.matthan.detection.model.BatchingDetector;
import vn.matthan.detection.model.DeimDetector;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.detection.tracking.TrackerSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import vn.matthan.detection.plate.PlateRecognizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Detector choice, thresholds and tracker parameters, from a YAML file ({@code config/detection.yaml}).
 * Every field is optional; a wrong one is reported as {@code file: field: reason}.
 */
public record DetectionConfig(String model, Path modelFile, int inputSize, double scoreThreshold, double nmsThreshold,
                              int threads, int maxBatch, TrackerSettings tracker, PlateSettings plates) {

    /**
     * The plate reader: LPD-YuNet locator and cct-xs reader model files, the confidence below which a read is marked
     * for a human check (set from the confidence/accuracy curve of the plate-accuracy benchmark), ONNX threads.
     */
    public record PlateSettings(boolean enabled, Path locatorFile, Path readerFile, double confidenceThreshold, int threads) {
        public PlateRecognizer create() throws IOException {
            return new PlateRecognizer(locatorFile, readerFile, threads, confidenceThreshold);
        }
    }

    /** At this confidence no wrong read of the generated plate set is accepted without a human check. */
    public static final double DEFAULT_PLATE_THRESHOLD = 0.85;

    public static final Set<String> MODELS = Set.of("yolox", "deimv2");

    public static DetectionConfig defaults(Path modelsDir) {
        return new DetectionConfig("yolox", modelsDir.resolve("yolox_nano.onnx"), 416, 0.3, 0.45,
                Runtime.getRuntime().availableProcessors(), 4, TrackerSettings.defaults(),
                new PlateSettings(true, modelsDir.resolve("license_plate_detection_lpd_yunet_2023mar.onnx"),
                        modelsDir.resolve("cct_xs_v1_global.onnx"), DEFAULT_PLATE_THRESHOLD, 1));
    }

    public static DetectionConfig load(Path file, Path modelsDir) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        DetectionConfig d = defaults(modelsDir);
        JsonNode det = root == null ? null : root.path("detector");
        JsonNode tr = root == null ? null : root.path("tracker");
        JsonNode pl = root == null ? null : root.path("plates");
        Fields f = new Fields(file);
        String model = f.text(det, "detector.model", d.model());
        if (!MODELS.contains(model)) throw new IOException(file + ": detector.model: '" + model + "' is not one of " + MODELS);
        String defaultFile = model.equals("yolox") ? "yolox_nano.onnx" : "deimv2_hgnetv2_femto_coco.onnx";
        Path modelFile = modelsDir.resolve(f.text(det, "detector.model_file", defaultFile));
        TrackerSettings t = d.tracker();
        try {
            t = new TrackerSettings(f.num(tr, "tracker.high_score", t.highScore(), 0, 1),
                    f.num(tr, "tracker.low_score", t.lowScore(), 0, 1),
                    f.num(tr, "tracker.new_track_score", t.newTrackScore(), 0, 1),
                    f.num(tr, "tracker.first_stage_iou", t.firstStageIou(), 0, 1),
                    f.num(tr, "tracker.second_stage_iou", t.secondStageIou(), 0, 1),
                    f.num(tr, "tracker.tentative_iou", t.tentativeIou(), 0, 1),
                    (int) f.num(tr, "tracker.hits_to_confirm", t.hitsToConfirm(), 1, 100),
                    (int) f.num(tr, "tracker.max_lost_frames", t.maxLostFrames(), 0, 10_000));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        PlateSettings p = d.plates();
        p = new PlateSettings(f.bool(pl, "plates.enabled", p.enabled()),
                modelsDir.resolve(f.text(pl, "plates.locator_model", p.locatorFile().getFileName().toString())),
                modelsDir.resolve(f.text(pl, "plates.reader_model", p.readerFile().getFileName().toString())),
                f.num(pl, "plates.confidence_threshold", p.confidenceThreshold(), 0, 1),
                (int) f.num(pl, "plates.intra_op_threads", p.threads(), 1, 256));
        int size = (int) f.num(det, "detector.input_size", d.inputSize(), 32, 2048);
        if (size % 32 != 0) throw new IOException(file + ": detector.input_size: " + size + " is not a multiple of 32");
        return new DetectionConfig(model, modelFile, size,
                f.num(det, "detector.score_threshold", d.scoreThreshold(), 0.01, 1),
                f.num(det, "detector.nms_threshold", d.nmsThreshold(), 0.05, 1),
                (int) f.num(det, "detector.intra_op_threads", d.threads(), 1, 256),
                (int) f.num(det, "detector.max_batch", d.maxBatch(), 1, 64), t, p);
    }

    public DetectionConfig withModelFile(Path p) {
        return new DetectionConfig(model, p, inputSize, scoreThreshold, nmsThreshold, threads, maxBatch, tracker, plates);
    }

    /** Loads the configured model; several cameras share it (batched where the model allows). */
    public VehicleDetector createDetector() throws IOException {
        if (model.equals("yolox")) return new YoloxDetector(modelFile, inputSize, scoreThreshold, nmsThreshold, threads);
        return new BatchingDetector(new DeimDetector(modelFile, inputSize, scoreThreshold, threads, maxBatch));
    }

    private record Fields(Path file) {
        /** The field's value, null when absent (the field name after the section's dot). */
        static JsonNode value(JsonNode parent, String name) {
            JsonNode v = parent == null ? null : parent.get(name.substring(name.indexOf('.') + 1));
            return v == null || v.isNull() ? null : v;
        }

        String text(JsonNode parent, String name, String dflt) throws IOException {
            JsonNode v = value(parent, name);
            if (v == null) return dflt;
            if (!v.isTextual() || v.asText().isBlank()) throw new IOException(file + ": " + name + ": must be text");
            return v.asText().trim();
        }

        boolean bool(JsonNode parent, String name, boolean dflt) throws IOException {
            JsonNode v = value(parent, name);
            if (v == null) return dflt;
            if (!v.isBoolean()) throw new IOException(file + ": " + name + ": must be true or false");
            return v.asBoolean();
        }

        double num(JsonNode parent, String name, double dflt, double min, double max) throws IOException {
            JsonNode v = value(parent, name);
            if (v == null) return dflt;
            if (!v.isNumber()) throw new IOException(file + ": " + name + ": must be a number, got '" + v.asText() + "'");
            double d = v.asDouble();
            if (d < min || d > max) throw new IOException(file + ": " + name + ": " + d + " is outside [" + min + ", " + max + "]");
            return d;
        }
    }

}
