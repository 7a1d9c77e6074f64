package vn.matthan.detection.pipeline;

import vn.matthan.detection.tracking.TrackerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
    }

    @Test
    void wrongFieldsAreNamed() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "detector: {model: yolov9}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessageContaining("detector.model: 'yolov9' is not one of");
        Files.writeString(f, "detector: {input_size: 400}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ": detector.input_size: 400 is not a multiple of 32");
        Files.writeString(f, "tracker: {low_score: 0.7}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ": tracker: low_score must be below high_score");
        Files.writeString(f, "detector: {score_threshold: high}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ": detector.score_threshold: must be a number, got 'high'");
        Files.writeString(f, "plates: {enabled: yes please}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ": plates.enabled: must be true or false");
        Files.writeString(f, "plates: {confidence_threshold: 1.5}\n");
        assertThatThrownBy(() -> DetectionConfig.load(f, dir)).hasMessage(f + ": plates.confidence_threshold: 1.5 is outside [0.0, 1.0]");
        Files.writeString(f, "plates: {enabled: false}\n");
        assertThat(DetectionConfig.load(f, dir).plates().enabled()).isFalse();
    }
}
