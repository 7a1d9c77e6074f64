package vn.matthan.detection.model;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TiledDetectorTest {
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
    void tilesCoverTheFrameAndNeighboursShareTheOverlap() {
        List<FrameRegion> tiles = new TiledDetector(detector, 3, 2, 0.25).tiles(1280, 720);
        assertThat(tiles).hasSize(6);
        assertThat(tiles).allSatisfy(t -> assertThat(t.fits(1280, 720)).isTrue());
        assertThat(tiles.get(0).x()).isZero();
        assertThat(tiles.get(2).x() + tiles.get(2).width()).isEqualTo(1280);
        assertThat(tiles.get(5).y() + tiles.get(5).height()).isEqualTo(720);
        int shared = tiles.get(0).x() + tiles.get(0).width() - tiles.get(1).x();
        assertThat(shared).isGreaterThanOrEqualTo((int) (0.25 * tiles.get(0).width()) - 1);
    }

    @Test
    void aCarCutByATileEdgeIsReportedOnceWhereTheWholeFrameSeesIt() throws Exception {
        VideoFrame photo = StillImage.read("t", ASSETS.resolve("images/udacity_highway_test1.jpg"));
        TiledDetector tiled = new TiledDetector(detector, 3, 1, 0.2);
        // The middle tile (x 394-887) ends inside the car at x 815-943; the right one (from 787) holds it whole.
        assertThat(tiled.tiles(photo.width(), photo.height())).extracting(FrameRegion::x).containsExactly(0, 394, 787);
        List<Detection> whole = detector.detect(photo).stream().filter(d -> d.trafficClass() == TrafficClass.CAR).toList();
        List<Detection> cars = tiled.detect(photo).stream().filter(d -> d.trafficClass().isVehicle()).toList();
        assertThat(whole).hasSize(2);
        for (Detection w : whole) {
            assertThat(cars).filteredOn(c -> c.box().iou(w.box()) > 0.8).as("the car at " + w.box()).hasSize(1);
            assertThat(cars).filteredOn(c -> c.box().iou(w.box()) > 0.05).as("no cut copy of the car at " + w.box()).hasSize(1);
        }
    }

    @Test
    void aFarCarTooSmallForTheWholeFrameIsFoundOnTiles() throws Exception {
        VideoFrame photo = StillImage.read("t", ASSETS.resolve("images/udacity_highway_test1.jpg"));
        List<Detection> whole = detector.detect(photo).stream().filter(d -> d.trafficClass() == TrafficClass.CAR).toList();
        List<Detection> tiled = new TiledDetector(detector, 2, 1, 0.25).detect(photo).stream()
                .filter(d -> d.trafficClass() == TrafficClass.CAR).toList();
        List<Detection> onlyOnTiles = tiled.stream().filter(t -> whole.stream().noneMatch(w -> w.box().iou(t.box()) > 0.5)).toList();
        assertThat(onlyOnTiles).hasSize(1);
        assertThat(onlyOnTiles.get(0).box().width()).as("about 30 px: 10 px in the whole frame's 416 input").isLessThan(40);
    }

    @Test
    void refusesATilingItCannotRun() {
        assertThatThrownBy(() -> new TiledDetector(detector, 0, 1, 0.2)).hasMessageContaining("1 to 16 tiles");
        assertThatThrownBy(() -> new TiledDetector(detector, 2, 1, 0.5)).hasMessageContaining("[0, 0.5)");
    }
}
