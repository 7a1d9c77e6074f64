package vn.matthan.detection.model;

import org.junit.jupiter.api.Test;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingDetectorTest {

    @Test
    void framesOfFourCamerasWaitingTogetherRunAsBatchesAndEachGetsItsOwnResult() throws Exception {
        VideoFrame road = StillImage.read("cam", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        try (BatchingDetector d = new BatchingDetector(new DeimDetector(
                YoloxDetectorTest.ASSETS.resolve("models/deimv2_hgnetv2_femto_coco.onnx"), 416, 0.3, 2, 4))) {
            List<Integer> carsSeen = new CopyOnWriteArrayList<>();
            CompletableFuture<?>[] cams = new CompletableFuture<?>[4];
            for (int c = 0; c < 4; c++) {
                boolean grey = c == 3;
                cams[c] = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 6; i++) {
                        VideoFrame f = grey ? new VideoFrame("grey", i, Instant.now(), 0, 320, 240, new byte[320 * 240 * 3]) : road;
                        carsSeen.add((int) d.detect(f).stream().filter(x -> x.trafficClass() == TrafficClass.CAR).count());
                    }
                });
            }
            CompletableFuture.allOf(cams).get();
            assertThat(carsSeen).hasSize(24);
            assertThat(carsSeen.stream().filter(n -> n == 0).count()).as("the grey camera's frames").isEqualTo(6);
            assertThat(carsSeen.stream().filter(n -> n == 3).count()).isEqualTo(18);
            assertThat(d.meanBatchSize()).isGreaterThan(1.5);
        }
    }

    @Test
    void oneBadFrameFailsOnlyItsOwnCamera() throws Exception {
        try (BatchingDetector d = new BatchingDetector(new DeimDetector(
                YoloxDetectorTest.ASSETS.resolve("models/deimv2_hgnetv2_femto_coco.onnx"), 416, 0.3, 1, 4))) {
            assertThatThrownBy(() -> d.detect(new VideoFrame("bad", 1, Instant.now(), 0, 0, 0, new byte[0])))
                    .hasMessageContaining("has no pixels");
            assertThat(d.detect(new VideoFrame("ok", 1, Instant.now(), 0, 64, 64, new byte[64 * 64 * 3]))).isEmpty();
        }
    }
}
