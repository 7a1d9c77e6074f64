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
    void aShareableFrameWaitsAMomentForAnotherLiveCameraAndRunsInOneInputWithIt() throws Exception {
        // A wide road strip: half the model's input holds it at the scale it gets alone.
        VideoFrame road = new FrameRegion(0, 380, 1280, 320).cut(
                StillImage.read("x", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg")));
        try (BatchingDetector d = new BatchingDetector(new YoloxDetector(
                YoloxDetectorTest.ASSETS.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 1, 2), 2)) {
            int cars = (int) d.detect(as("cam-b", road), true).stream().filter(x -> x.trafficClass() == TrafficClass.CAR).count();
            assertThat(d.meanBatchSize()).as("camera b alone: no other camera is live, nothing to wait for").isEqualTo(1.0);
            d.detect(as("cam-a", road), true); // now both are live (this one waits in vain: b is not detecting)
            // Camera a's frame, then camera b's 10 ms later, well inside the wait, whichever reaches the queue first.
            CompletableFuture<List<Detection>> a = CompletableFuture.supplyAsync(() -> d.detect(as("cam-a", road), true));
            Thread.sleep(10);
            List<Detection> b = d.detect(as("cam-b", road), true);
            assertThat(cars).isGreaterThanOrEqualTo(2);
            assertThat(d.meanBatchSize()).as("four frames in three model runs").isEqualTo(4 / 3.0);
            assertThat(a.get().stream().filter(x -> x.trafficClass() == TrafficClass.CAR).count()).isEqualTo(cars);
            assertThat(b.stream().filter(x -> x.trafficClass() == TrafficClass.CAR).count()).isEqualTo(cars);
        }
    }

    @Test
    void aFrameThatMayNotShareRunsAloneWhileASharingCameraIsLive() throws Exception {
        VideoFrame road = StillImage.read("x", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        try (BatchingDetector d = new BatchingDetector(new YoloxDetector(
                YoloxDetectorTest.ASSETS.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 1, 2), 2)) {
            d.detect(as("cam-b", road), true); // camera b is live and shares
            CompletableFuture<List<Detection>> a = CompletableFuture.supplyAsync(() -> d.detect(as("cam-a", road), false));
            a.get();
            d.detect(as("cam-b", road), true);
            assertThat(d.meanBatchSize()).isEqualTo(1.0);
        }
    }

    private static VideoFrame as(String camera, VideoFrame f) {
        return new VideoFrame(camera, f.sequence(), f.wallClock(), f.ptsMicros(), f.width(), f.height(), f.bgr());
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
