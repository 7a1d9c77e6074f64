package vn.matthan.detection.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeimDetectorTest {
    static final Path ASSETS = YoloxDetectorTest.ASSETS;
    static DeimDetector detector;

    @BeforeAll
    static void load() throws Exception {
        detector = new DeimDetector(ASSETS.resolve("models/deimv2_hgnetv2_femto_coco.onnx"), 416, 0.3, 2, 4);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsTheTwoCarsOnTheHighwayPhoto() throws Exception {
        List<Detection> cars = cars(detector.detect(StillImage.read("t", ASSETS.resolve("images/udacity_highway_test1.jpg"))));
        assertThat(YoloxDetectorTest.assertBoxOnly(cars, 1051, 404, 1274, 509).score()).isGreaterThan(0.8);
        assertThat(YoloxDetectorTest.assertBoxOnly(cars, 815, 408, 943, 492).score()).isGreaterThan(0.8);
        // DEIMv2 also sees the oncoming car half hidden behind the crash barrier (x 58-140), less surely.
        assertThat(cars).hasSize(3);
        assertThat(YoloxDetectorTest.assertBoxOnly(cars, 58, 443, 140, 467).score()).isBetween(0.3, 0.6);
    }

    @Test
    void aBatchOfFramesGivesTheSameResultsAsOneByOne() throws Exception {
        VideoFrame a = StillImage.read("a", ASSETS.resolve("images/udacity_highway_test1.jpg"));
        VideoFrame b = StillImage.read("b", ASSETS.resolve("images/udacity_highway_test6.jpg"));
        List<List<Detection>> batch = detector.detectBatch(List.of(a, b, a));
        assertThat(batch).hasSize(3);
        List<Detection> single = detector.detect(b);
        assertThat(batch.get(1)).hasSameSizeAs(single);
        for (int i = 0; i < single.size(); i++) {
            assertThat(batch.get(1).get(i).box().x1()).isCloseTo(single.get(i).box().x1(), within(1.0));
            assertThat(batch.get(1).get(i).score()).isCloseTo(single.get(i).score(), within(0.01));
        }
        assertThat(cars(batch.get(0))).hasSize(3);
        assertThat(cars(batch.get(2))).hasSize(3);
    }

    static List<Detection> cars(List<Detection> d) {
        return d.stream().filter(x -> x.trafficClass() == TrafficClass.CAR).toList();
    }
}
