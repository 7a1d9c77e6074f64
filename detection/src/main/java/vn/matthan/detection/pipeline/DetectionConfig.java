package vn.matthan.detection.pipeline;

import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;
import vn.matthan.detection.model.BatchingDetector;
import vn.matthan.detection.model.DeimDetector;
import vn.matthan.detection.model.MotionGate;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.model.YoloxDetector;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.tracking.TrackerSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Detector choice, thresholds, tracker parameters, the plate reader and the evidence clip, from a YAML file
 * ({@code config/detection.yaml}). Every key is optional; its default and range are declared in {@link DetectionFile}.
 * A wrong or unknown key is refused as {@code file:line: field: reason}.
 */
public record DetectionConfig(String model, Path modelFile, int inputSize, double scoreThreshold, double nmsThreshold,
                              int threads, int workers, int maxBatch, int queueFrames, boolean roadRegion, boolean shareInput,
                              MotionGate.Settings motionGate, TrackerSettings tracker, PlateSettings plates,
                              EvidenceSettings evidence) {

    /**
     * The plate reader: LPD-YuNet locator and cct-xs reader model files, the confidence below which a read is marked
     * for a human check (set from the confidence/accuracy curve of the plate-accuracy benchmark), ONNX threads.
     */
    public record PlateSettings(boolean enabled, Path locatorFile, Path readerFile, double confidenceThreshold, int threads,
                                PassagePlates passages) {
        public PlateRecognizer create() throws IOException {
            return new PlateRecognizer(locatorFile, readerFile, threads, confidenceThreshold);
        }
    }

    /** Plates of every passage: the CPU share spent on them, views read, how long a crossing vehicle is followed, the longest wait. */
    public record PassagePlates(double cpuBudget, int views, Duration settle, Duration maxWait) {
    }

    /** How much video an evidence clip holds before and after the violation. */
    public record EvidenceSettings(Duration clipBefore, Duration clipAfter) {
    }

    /** At this confidence no wrong read of the generated plate set is accepted without a human check. */
    public static final double DEFAULT_PLATE_THRESHOLD = new DetectionFile.Plates().confidenceThreshold;

    /** Every default of {@link DetectionFile}: the configuration of a node without a detection.yaml. */
    public static DetectionConfig defaults(Path modelsDir) {
        return of(new DetectionFile(), modelsDir);
    }

    public static DetectionConfig load(Path file, Path modelsDir) throws ConfigException {
        ConfigFile yaml = ConfigFile.read(file);
        DetectionFile f = yaml.bind("", DetectionFile.class);
        if (f.detector.inputSize % 32 != 0) {
            throw yaml.error("detector.input_size", f.detector.inputSize + " is not a multiple of 32");
        }
        try {
            return of(f, modelsDir);
        } catch (IllegalArgumentException e) { // the tracker's scores out of order
            throw yaml.error("tracker", e.getMessage().replaceFirst("^tracker: ", ""));
        }
    }

    private static DetectionConfig of(DetectionFile f, Path modelsDir) {
        DetectionFile.Detector d = f.detector;
        String modelFile = d.modelFile != null ? d.modelFile
                : d.model.equals("yolox") ? "yolox_nano.onnx" : "deimv2_hgnetv2_femto_coco.onnx";
        DetectionFile.Plates p = f.plates;
        DetectionFile.MotionGate g = f.motionGate;
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = d.workers != null ? d.workers : d.model.equals("yolox") ? cores : 1; // deimv2 batches instead
        return new DetectionConfig(d.model, modelsDir.resolve(modelFile), d.inputSize, d.scoreThreshold, d.nmsThreshold,
                d.intraOpThreads != null ? d.intraOpThreads : Math.max(1, cores / workers), workers, d.maxBatch,
                d.queueFrames, d.roadRegion, d.shareInput,
                new MotionGate.Settings(g.enabled, g.pixelThreshold, g.minChangedPixels, g.maxSkippedFrames), f.tracker.settings(),
                new PlateSettings(p.enabled, modelsDir.resolve(p.locatorModel), modelsDir.resolve(p.readerModel),
                        p.confidenceThreshold, p.intraOpThreads, new PassagePlates(p.passages.cpuBudget, p.passages.views,
                        seconds(p.passages.settleSeconds), seconds(p.passages.maxWaitSeconds))),
                new EvidenceSettings(seconds(f.evidence.clipBeforeSeconds), seconds(f.evidence.clipAfterSeconds)));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    public DetectionConfig withModelFile(Path p) {
        return new DetectionConfig(model, p, inputSize, scoreThreshold, nmsThreshold, threads, workers, maxBatch, queueFrames,
                roadRegion, shareInput, motionGate, tracker, plates, evidence);
    }

    /** The same with the detector's sharing set: inferences at once and ONNX threads of each. */
    public DetectionConfig withWorkers(int w, int threadsEach) {
        return new DetectionConfig(model, modelFile, inputSize, scoreThreshold, nmsThreshold, threadsEach, w, maxBatch, queueFrames,
                roadRegion, shareInput, motionGate, tracker, plates, evidence);
    }

    /** The same with detection on the road region on or off. */
    public DetectionConfig withRoadRegion(boolean on) {
        return new DetectionConfig(model, modelFile, inputSize, scoreThreshold, nmsThreshold, threads, workers, maxBatch, queueFrames,
                on, shareInput, motionGate, tracker, plates, evidence);
    }

    /** The same with two cameras' regions in one model input allowed or not. */
    public DetectionConfig withSharedInput(boolean on) {
        return new DetectionConfig(model, modelFile, inputSize, scoreThreshold, nmsThreshold, threads, workers, maxBatch, queueFrames,
                roadRegion, on, motionGate, tracker, plates, evidence);
    }

    /** The same with another motion gate. */
    public DetectionConfig withMotionGate(MotionGate.Settings g) {
        return new DetectionConfig(model, modelFile, inputSize, scoreThreshold, nmsThreshold, threads, workers, maxBatch, queueFrames,
                roadRegion, shareInput, g, tracker, plates, evidence);
    }

    /** What each camera's analysis does besides detection proper: the road region and the motion gate. */
    public CameraPipeline.Analysis analysis() {
        return new CameraPipeline.Analysis(roadRegion, motionGate);
    }

    /** Loads the configured model; several cameras share it (batched where the model allows). */
    public VehicleDetector createDetector() throws IOException {
        if (model.equals("yolox")) {
            YoloxDetector yolox = new YoloxDetector(modelFile, inputSize, scoreThreshold, nmsThreshold, threads, workers);
            return shareInput ? new BatchingDetector(yolox, workers) : yolox;
        }
        return new BatchingDetector(new DeimDetector(modelFile, inputSize, scoreThreshold, threads, maxBatch));
    }
}
