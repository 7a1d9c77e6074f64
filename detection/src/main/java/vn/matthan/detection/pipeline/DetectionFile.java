package vn.matthan.detection.pipeline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import vn.matthan.config.Range;
import vn.matthan.detection.tracking.TrackerConfig;

/**
 * {@code config/detection.yaml} as written: every key with its default and its range, read by
 * {@link vn.matthan.config.ConfigFile} (unknown keys refused) and turned into a {@link DetectionConfig}.
 */
public final class DetectionFile {
    @Valid
    public Detector detector = new Detector();
    @Valid
    public TrackerConfig tracker = new TrackerConfig();
    @Valid
    public Plates plates = new Plates();
    @Valid
    public Evidence evidence = new Evidence();
    @Valid
    public MotionGate motionGate = new MotionGate();

    public static final class Detector {
        /** yolox (YOLOX-Nano, fastest) | deimv2 (DEIMv2-Femto, more accurate, batched). */
        @Pattern(regexp = "yolox|deimv2", message = "'${validatedValue}' is not one of yolox, deimv2")
        public String model = "yolox";
        /** A file in the models folder; absent: the chosen model's own file. */
        @Pattern(regexp = "\\S.*", message = "must not be empty")
        public String modelFile;
        /** Letterbox / resize size in pixels; a multiple of 32 (checked on load). */
        @Range(min = 32, max = 2048)
        public int inputSize = 416;
        /** Low enough for the tracker's low stage ({@code tracker.low_score}): only sure boxes start a track. */
        @Range(min = 0.01, max = 1)
        public double scoreThreshold = 0.1;
        /** YOLOX only; DEIMv2 needs no NMS. */
        @Range(min = 0.05, max = 1)
        public double nmsThreshold = 0.45;
        /** ONNX Runtime threads of one inference; absent: the cores shared out among the workers. */
        @Range(min = 1, max = 256)
        public Integer intraOpThreads;
        /**
         * Inferences the node's one model runs at once for all its cameras (yolox); absent: one per core. Several
         * single-threaded inferences keep both cores busy where one two-threaded inference waits on its slower half.
         */
        @Range(min = 1, max = 64)
        public Integer workers;
        /**
         * Detect on the calibrated road region (the box around the scene's lanes, lines and ground plane, with room
         * for vehicle tops) instead of the whole frame: the model's fixed input then holds more pixels per vehicle.
         * Scenes without lanes keep the whole frame.
         */
        public boolean roadRegion = true;
        /**
         * yolox: two cameras' road regions may share one model input (upper and lower half) when each half keeps at
         * least the pixels per vehicle its camera's whole frame would get alone; the model has no batch dimension.
         */
        public boolean shareInput = true;
        /** DEIMv2: frames of several cameras run as one batch. */
        @Range(min = 1, max = 64)
        public int maxBatch = 4;
        /** Frames a camera may have waiting for the detector; when full, the oldest is dropped (and counted). */
        @Range(min = 1, max = 64)
        public int queueFrames = 4;
    }

    public static final class Plates {
        public boolean enabled = true;
        @NotBlank(message = "must not be empty")
        public String locatorModel = "license_plate_detection_lpd_yunet_2023mar.onnx";
        @NotBlank(message = "must not be empty")
        public String readerModel = "cct_xs_v1_global.onnx";
        /** Below it a read is marked "needs human check": at 0.85 no wrong read of the generated plate set passes unchecked. */
        @Range(min = 0, max = 1)
        public double confidenceThreshold = 0.85;
        @Range(min = 1, max = 256)
        public int intraOpThreads = 1;
        @Valid
        public Passages passages = new Passages();
    }

    /**
     * Plates of every passing vehicle (route tracing), read off the camera threads within a share of the node's CPU;
     * a passage that would wait too long for its read goes out without a plate (SKIPPED), never later than that.
     */
    public static final class Passages {
        /** Cores the node spends reading passage plates, at most (violators' plates are read apart, always). */
        @Range(min = 0, max = 64)
        public double cpuBudget = 0.35;
        /** Best views of the vehicle read for its plate (each costs a read). */
        @Range(min = 1, max = 5)
        public int views = 2;
        /** After its crossing, the vehicle is followed this long for better views before its plate is read. */
        @Range(min = 0, max = 3)
        public double settleSeconds = 1.0;
        /** A passage not read within this long after it was handed over goes out without a plate. */
        @Range(min = 0.1, max = 3)
        public double maxWaitSeconds = 2.0;
    }

    /**
     * Skips detection on frames where nothing moved in the road region since the last detected frame (a small grey
     * copy of the region compared pixel by pixel); the last detections stand for the skipped frame.
     */
    public static final class MotionGate {
        public boolean enabled = true;
        /** Grey levels (0–255) a pixel of the small copy must change by to count as moved. */
        @Range(min = 1, max = 255)
        public int pixelThreshold = 24;
        /** Moved pixels of the small copy (about 1/16 of the region's pixels) that make the frame worth detecting. */
        @Range(min = 1, max = 100000)
        public int minChangedPixels = 3;
        /** Detect at least every this many frames, whatever the gate says (2 s at 5 analysed frames/s). */
        @Range(min = 1, max = 1000)
        public int maxSkippedFrames = 10;
    }

    /** The clip of an evidence package: from this long before the violation to this long after it. */
    public static final class Evidence {
        /** Within the camera's clip buffer (clip_buffer_seconds in cameras.yaml, 20 s by default). */
        @Range(min = 1, max = 15)
        public double clipBeforeSeconds = 4;
        /** The package is cut once the ring holds this much video after the event. */
        @Range(min = 1, max = 15)
        public double clipAfterSeconds = 3;
    }
}
