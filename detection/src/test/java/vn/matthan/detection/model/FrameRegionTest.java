package vn.matthan.detection.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.detection.geometry.Box;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameRegionTest {
    static YoloxDetector shared;

    @BeforeAll
    static void load() throws Exception {
        shared = new YoloxDetector(YoloxDetectorTest.ASSETS.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 1, 2);
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    @Test
    void aCutHoldsTheRegionsPixelsAndDetectionsComeBackInFramePixels() {
        byte[] px = new byte[8 * 4 * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) i;
        VideoFrame f = new VideoFrame("cam", 7, Instant.EPOCH, 1, 8, 4, px);
        FrameRegion r = new FrameRegion(2, 1, 3, 2);
        VideoFrame cut = r.cut(f);
        assertThat(cut.width()).isEqualTo(3);
        assertThat(cut.height()).isEqualTo(2);
        assertThat(cut.bgr()[0]).isEqualTo(px[(1 * 8 + 2) * 3]);
        assertThat(cut.bgr()[3 * 3]).isEqualTo(px[(2 * 8 + 2) * 3]);
        assertThat(cut.sequence()).isEqualTo(7);
        Detection d = r.toFrame(List.of(new Detection(new Box(0, 0, 1, 1), TrafficClass.CAR, 0.9))).get(0);
        assertThat(d.box()).isEqualTo(new Box(2, 1, 3, 2));
        assertThatThrownBy(() -> new FrameRegion(6, 0, 3, 2).cut(f)).hasMessageContaining("does not fit");
        assertThat(FrameRegion.around(new Box(-5.5, 0.4, 7.2, 9), 8, 4)).isEqualTo(new FrameRegion(0, 0, 8, 4));
    }

    @Test
    void theCarsOfTheHighwayPhotoAreFoundOnTheRoadRegionWhereTheyAreOnTheWholeFrame() throws Exception {
        VideoFrame photo = StillImage.read("t", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        FrameRegion road = new FrameRegion(0, 360, photo.width(), 240); // the carriageway, 1/3 of the frame
        List<Detection> cars = road.toFrame(shared.detect(road.cut(photo))).stream()
                .filter(d -> d.trafficClass() == TrafficClass.CAR).toList();
        List<Detection> whole = shared.detect(photo).stream().filter(d -> d.trafficClass() == TrafficClass.CAR).toList();
        assertThat(cars).hasSize(2).hasSameSizeAs(whole);
        for (Detection w : whole) {
            assertThat(cars).as("a match for " + w.box()).anySatisfy(c -> assertThat(c.box().iou(w.box())).isGreaterThan(0.85));
        }
    }

    @Test
    void twoCamerasRoadRegionsInOneInputFindWhatEachFindsAlone() throws Exception {
        VideoFrame photo = StillImage.read("t", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        FrameRegion road = new FrameRegion(0, 360, photo.width(), 240); // half the input holds it at the whole frame's scale
        VideoFrame cut = road.cut(photo);
        VideoFrame empty = new VideoFrame("grey", 1, Instant.EPOCH, 0, photo.width(), 240, new byte[photo.width() * 240 * 3]);
        List<Detection> alone = cars(shared.detect(photo));
        List<List<Detection>> pair = shared.detectBatch(List.of(cut, empty));
        List<Detection> upper = cars(road.toFrame(pair.get(0)));
        assertThat(upper).hasSameSizeAs(alone).hasSize(2);
        for (Detection w : alone) {
            assertThat(upper).as("a match for " + w.box()).anySatisfy(c -> assertThat(c.box().iou(w.box())).isGreaterThan(0.85));
        }
        assertThat(pair.get(1)).as("nothing of the upper half leaks into the lower camera").isEmpty();
        List<List<Detection>> swapped = shared.detectBatch(List.of(empty, cut));
        assertThat(swapped.get(0)).isEmpty();
        assertThat(cars(road.toFrame(swapped.get(1)))).hasSize(2)
                .allSatisfy(c -> assertThat(alone).anySatisfy(w -> assertThat(c.box().iou(w.box())).isGreaterThan(0.85)));
    }

    private static List<Detection> cars(List<Detection> found) {
        return found.stream().filter(d -> d.trafficClass() == TrafficClass.CAR).toList();
    }

    @Test
    void framesThatMayNotShareAnInputRunAloneAndTheOthersInPairs() throws Exception {
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        VehicleDetector counting = new VehicleDetector() {
            public List<Detection> detect(VideoFrame f) {
                sizes.add(1);
                return List.of();
            }

            public List<List<Detection>> detectBatch(List<VideoFrame> frames) {
                sizes.add(frames.size());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return frames.stream().map(x -> List.<Detection>of()).toList();
            }

            public int maxBatch() {
                return 2;
            }

            public String modelId() {
                return "counting";
            }

            public void close() {
            }
        };
        VideoFrame f = new VideoFrame("c", 1, Instant.EPOCH, 0, 8, 8, new byte[8 * 8 * 3]);
        try (BatchingDetector d = new BatchingDetector(counting, 2)) {
            ExecutorService cameras = Executors.newFixedThreadPool(6);
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                boolean share = c < 4;
                runs.add(cameras.submit(() -> {
                    for (int i = 0; i < 20; i++) d.detect(f, share);
                }));
            }
            for (Future<?> r : runs) r.get();
            cameras.shutdown();
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(120);
            assertThat(sizes).as("some pairs formed").contains(2);
            assertThat(sizes.stream().filter(n -> n == 1).count()).as("the two alone-only cameras' 40 frames ran alone")
                    .isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void oneModelServesSeveralCamerasAtOnceWithTheResultsOfOneAtATime() throws Exception {
        VideoFrame photo = StillImage.read("t", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg"));
        List<Detection> alone = shared.detect(photo);
        ExecutorService cameras = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Detection>>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) runs.add(cameras.submit(() -> shared.detect(photo)));
            List<List<Detection>> results = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<Detection>> r : runs) results.add(r.get());
            assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(alone));
        } finally {
            cameras.shutdown();
        }
        assertThat(shared.workers()).isEqualTo(2);
    }
}
