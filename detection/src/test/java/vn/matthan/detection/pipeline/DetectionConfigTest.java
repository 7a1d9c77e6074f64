package vn.matthan.detection.pipeline;

import vn.matthan.detection.tracking.TrackerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionConfigTest {
    @TempDir
    Path dir;

    @Test
    void theShippedConfigSelectsYoloxWithByteTrackDefaults() throws Exception {
        Path shipped = Path.of(System.getProperty("matthan.root", "..")).resolve("config/detection.yaml");
        DetectionConfig c = DetectionConfig.load(shipped, dir);
        assertThat(c.model()).isEqualTo("yolox");
        assertThat(c.modelFile()).isEqualTo(dir.resolve("yolox_nano.onnx"));
        assertThat(c.tracker()).isEqualTo(TrackerSettings.defaults());
        assertThat(c.plates().enabled()).isTrue();
        assertThat(c.plates().locatorFile()).isEqualTo(dir.resolve("license_plate_detection_lpd_yunet_2023mar.onnx"));
        assertThat(c.plates().readerFile()).isEqualTo(dir.resolve("cct_xs_v1_global.onnx"));
        assertThat(c.plates().confidenceThreshold()).isEqualTo(DetectionConfig.DEFAULT_PLATE_THRESHOLD);
        assertThat(c.evidence().clipBefore()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.evidence().clipAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.queueFrames()).isEqualTo(4);
    }

    @Test
    void theShippedConfigSwitchesEveryCapacityLeverOnWithOneSingleThreadInferencePerCore() throws Exception {
        Path shipped = Path.of(System.getProperty("matthan.root", "..")).resolve("config/detection.yaml");
        DetectionConfig c = DetectionConfig.load(shipped, dir);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(c.workers()).isEqualTo(cores);
        assertThat(c.threads()).isEqualTo(1);
        assertThat(c.roadRegion()).isTrue();
        assertThat(c.shareInput()).isTrue();
        assertThat(c.motionGate()).isEqualTo(new vn.matthan.detection.model.MotionGate.Settings(true, 24, 3, 10));
        assertThat(c.analysis()).isEqualTo(new CameraPipeline.Analysis(true, c.motionGate()));
    }

    @Test
    void aWrongMotionGateValueIsNamedWithItsLine() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "motion_gate:\n  enabled: true\n  pixel_threshold: 0\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":3: motion_gate.pixel_threshold: 0 is outside [1.0, 255.0]");
        Files.writeString(f, "motion_gate: {max_skiped_frames: 4}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessageStartingWith(f + ":1: motion_gate.max_skiped_frames: unknown field");
        Files.writeString(f, "detector: {workers: 0}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":1: detector.workers: 0 is outside [1.0, 64.0]");
        Files.writeString(f, "motion_gate: {enabled: false}\ndetector: {road_region: false, workers: 1, intra_op_threads: 2}\n");
        DetectionConfig off = DetectionConfig.load(f, dir);
        assertThat(off.analysis()).isEqualTo(new CameraPipeline.Analysis(false, new vn.matthan.detection.model.MotionGate.Settings(false, 24, 3, 10)));
        assertThat(off.threads()).isEqualTo(2);
    }

    @Test
    void anEmptyFileMeansEveryDefault() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "# all defaults\n");
        assertThat(DetectionConfig.load(f, dir)).isEqualTo(DetectionConfig.defaults(dir));
    }

    @Test
    void aMisspeltKeyIsRefusedWithItsLineAndTheKnownKeys() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, """
                detector:
                  model: yolox
                  scor_threshold: 0.5
                """);
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":3: detector.scor_threshold: unknown field "
                + "(known: model, model_file, input_size, score_threshold, nms_threshold, intra_op_threads, workers, road_region, share_input, max_batch, queue_frames)");
        Files.writeString(f, "tracker:\n  high_score: 0.5\n  max_lost_frame: 10\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessageStartingWith(f + ":3: tracker.max_lost_frame: unknown field");
        Files.writeString(f, "evidence:\n  clip_before: 5\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessageStartingWith(f + ":2: evidence.clip_before: unknown field");
        Files.writeString(f, "detectors:\n  model: yolox\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir))
                .hasMessage(f + ":1: detectors: unknown field (known: detector, tracker, plates, evidence, motion_gate)");
    }

    @Test
    void wrongFieldsAreNamedWithTheirLine() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "detector: {model: yolov9}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":1: detector.model: 'yolov9' is not one of yolox, deimv2");
        Files.writeString(f, "detector: {input_size: 400}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":1: detector.input_size: 400 is not a multiple of 32");
        Files.writeString(f, "tracker: {low_score: 0.7}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":1: tracker: low_score must be below high_score");
        Files.writeString(f, "detector: {score_threshold: high}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":1: detector.score_threshold: must be a number, got 'high'");
        Files.writeString(f, "plates: {enabled: yes please}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":1: plates.enabled: must be true or false, got 'yes please'");
        Files.writeString(f, "plates:\n  enabled: true\n  confidence_threshold: 1.5\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":3: plates.confidence_threshold: 1.5 is outside [0.0, 1.0]");
        Files.writeString(f, "evidence:\n  clip_after_seconds: 60\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ":2: evidence.clip_after_seconds: 60.0 is outside [1.0, 15.0]");
        Files.writeString(f, "plates: {enabled: false}\n");
        assertThat(DetectionConfig.load(f, dir).plates().enabled()).isFalse();
    }
}
