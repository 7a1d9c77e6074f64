package vn.matthan.testscenes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.FrameRegion;
import vn.matthan.detection.scene.DepthTiles;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Detection tiles laid out by depth along the generated junction's calibrated road. */
class DepthTilesTest {
    @TempDir
    Path dir;

    private SceneCalibration load(String yaml) throws Exception {
        Path f = dir.resolve("scene.yaml");
        Files.writeString(f, yaml);
        return SceneCalibration.load(f);
    }

    @Test
    void farRoadGetsMagnifyingTilesAndEveryRoadPointIsInsideOne() throws Exception {
        SceneCalibration scene = load(JunctionLayout.calibrationYaml("vision", List.of()));
        List<FrameRegion> tiles = DepthTiles.of(scene, 416, 1.8, 32, 6, 6);
        assertThat(tiles).hasSizeBetween(2, 6);
        for (FrameRegion t : tiles) assertThat(t.fits(JunctionLayout.WIDTH, JunctionLayout.HEIGHT)).isTrue();
        // A car at the far end of the calibrated road (60 m) reaches the model at >= 32 px in the tile that holds it.
        Point farLeft = JunctionLayout.image(-4, 60), farRight = JunctionLayout.image(11, 60);
        double farCarPx = 1.8 * (farRight.x() - farLeft.x()) / 15;
        FrameRegion far = tiles.stream().filter(t -> contains(t, JunctionLayout.image(3.5, 60))).findFirst().orElseThrow();
        assertThat(farCarPx * 416 / Math.max(far.width(), far.height())).isGreaterThanOrEqualTo(32);
        assertThat(farCarPx * 416 / 1280).as("the whole frame would give it a third of that").isLessThan(16);
        // Every point of the road and of the kerb zone beside it, at every depth, lies in some tile.
        for (double y = 0; y <= 60; y += 0.5) {
            for (double x = -4; x <= 13.4; x += 0.2) {
                boolean kerb = y >= JunctionLayout.KERB_FROM_Y && y <= JunctionLayout.KERB_TO_Y;
                if (x > JunctionLayout.ROAD_RIGHT && !kerb) continue;
                Point p = JunctionLayout.image(x, y);
                if (p.y() >= JunctionLayout.HEIGHT) continue;
                assertThat(tiles.stream().anyMatch(t -> contains(t, p))).as("road point %s, %s m", x, y).isTrue();
            }
        }
    }

    @Test
    void aCarStraddlingTwoBandsIsWholeInOne() throws Exception {
        SceneCalibration scene = load(JunctionLayout.calibrationYaml("vision", List.of()));
        List<FrameRegion> tiles = DepthTiles.of(scene, 416, 1.8, 32, 6, 6);
        for (double depth = 1; depth <= 55; depth += 1) {
            for (double x = -3; x <= 10; x += 1.5) {
                Box car = JunctionLayout.box(x, depth, depth + 4.5, 1.8, 1.5);
                if (car.y2() > JunctionLayout.HEIGHT) continue;
                assertThat(tiles.stream().anyMatch(t -> t.x() <= car.x1() && t.y() <= car.y1() && t.x() + t.width() >= car.x2()
                        && t.y() + t.height() >= car.y2())).as("car at %s m, %s m: %s", x, depth, car).isTrue();
            }
        }
    }

    @Test
    void theBudgetCapsTheTilesAndAGroundPlaneIsRequired() throws Exception {
        SceneCalibration scene = load(JunctionLayout.calibrationYaml("vision"));
        assertThat(DepthTiles.of(scene, 416, 1.8, 64, 6, 3)).hasSizeLessThanOrEqualTo(3);
        assertThat(DepthTiles.of(scene, 416, 1.8, 64, 6, 1)).hasSize(1);
        String noPlane = JunctionLayout.calibrationYaml("vision").replaceAll("(?s)ground_plane:\\n.*?\\n.*?\\n", "")
                .replaceAll("  speeding: .*\\n", "");
        SceneCalibration flat = load(noPlane);
        assertThat(flat.groundPlane()).isEmpty();
        assertThatThrownBy(() -> DepthTiles.of(flat, 416, 1.8, 32, 6, 6)).hasMessageContaining("ground_plane");
    }

    private static boolean contains(FrameRegion t, Point p) {
        return p.x() >= t.x() && p.x() <= t.x() + t.width() && p.y() >= t.y() && p.y() <= t.y() + t.height();
    }
}
