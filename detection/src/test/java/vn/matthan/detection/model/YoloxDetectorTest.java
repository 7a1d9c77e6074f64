package vn.matthan.detection.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.ingest.StillImage;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class YoloxDetectorTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    static YoloxDetector detector;

    @BeforeAll
    static void load() throws Exception {
        detector = new YoloxDetector(ASSETS.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 2);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsTheTwoCarsOnTheHighwayPhotoWhereMeasured() throws Exception {
        List<Detection> cars = detector.detect(StillImage.read("t", ASSETS.resolve("images/udacity_highway_test1.jpg")))
                .stream().filter(d -> d.trafficClass() == TrafficClass.CAR).toList();

        assertThat(cars).hasSize(2);
        assertBox(cars, 1051, 404, 1274, 509, 0.89);
        assertBox(cars, 815, 408, 943, 492, 0.82);
    }

    @Test
    void recordsTheModelHashForEvidence() {
        assertThat(detector.modelId()).matches("yolox_nano\\.onnx@sha256:[0-9a-f]{64}");
    }

    @Test
    void aMissingModelFileIsNamedInTheError() {
        assertThatThrownBy(() -> new YoloxDetector(ASSETS.resolve("models/nope.onnx"), 416, 0.3, 0.45, 1))
                .hasMessageContaining("model file not found").hasMessageContaining("nope.onnx");
    }

    private static void assertBox(List<Detection> found, double x1, double y1, double x2, double y2, double score) {
        assertThat(assertBoxOnly(found, x1, y1, x2, y2).score()).isCloseTo(score, within(0.03));
    }

    /** The detection nearest to the expected box lies within 10 px on every side. */
    static Detection assertBoxOnly(List<Detection> found, double x1, double y1, double x2, double y2) {
        Detection d = found.stream().min((a, b) -> Double.compare(
                Math.abs(a.box().x1() - x1), Math.abs(b.box().x1() - x1))).orElseThrow();
        assertThat(d.box().x1()).isCloseTo(x1, within(10.0));
        assertThat(d.box().y1()).isCloseTo(y1, within(10.0));
        assertThat(d.box().x2()).isCloseTo(x2, within(10.0));
        assertThat(d.box().y2()).isCloseTo(y2, within(10.0));
        return d;
    }
}
