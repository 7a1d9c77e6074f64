package vn.matthan.detection.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.scene.CountLine;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.matthan.detection.rules.SceneRun.car;

class CountingTest {
    @TempDir
    Path dir;

    // Vertical line at x = 100 from bottom to top: moving right (+x) is forward.
    final CountLine line = new CountLine("l", new Point(100, 400), new Point(100, 100), 3);
    final SceneCalibration scene = SceneCalibration.countingOnly("t", 640, 480, List.of(line));

    @Test
    void rightHandSideOfTheLineIsForward() {
        assertThat(line.side(new Point(150, 200))).isEqualTo(1);
        assertThat(line.side(new Point(50, 200))).isEqualTo(-1);
        assertThat(line.side(new Point(101, 200))).as("inside the dead band").isZero();
    }

    @Test
    void aTrackCrossingOnceCountsOnceInItsDirection() {
        SceneRun run = new SceneRun(scene);
        for (int x = 40; x <= 200; x += 10) run.frame(car(x, 200));
        assertThat(run.passages).hasSize(1);
        assertThat(run.passages.get(0).direction()).isEqualTo(CountLine.Direction.FORWARD);
    }

    @Test
    void aBoxFlickeringAcrossTheLineCountsOnce() {
        SceneRun run = new SceneRun(scene);
        int[] xs = {60, 70, 80, 90, 99, 102, 98, 101, 99, 104, 96, 110, 96, 120, 130};
        for (int x : xs) run.frame(car(x, 200));
        assertThat(run.passages).hasSize(1);
    }

    @Test
    void vehiclesCrossingInTheSameFrameAreCountedSeparately() {
        SceneRun run = new SceneRun(scene);
        for (int x = 40; x <= 200; x += 10) run.frame(car(x, 150), car(x, 300));
        assertThat(run.passages).hasSize(2);
        assertThat(run.passages).extracting(p -> p.vehicle().trackId()).doesNotHaveDuplicates();
    }

    @Test
    void aTrackFirstSeenPastTheLineOrBeyondItsEndIsNotCounted() {
        SceneRun run = new SceneRun(scene);
        for (int x = 120; x <= 200; x += 10) run.frame(car(x, 200));
        // Passing below the line's lower end (y = 400) is not a crossing.
        for (int x = 40; x <= 200; x += 10) run.frame(car(x, 470));
        assertThat(run.passages).isEmpty();
    }

    @Test
    void anUnconfirmedTrackIsNeverCounted() {
        SceneRun run = new SceneRun(scene);
        // Two detections only: never confirmed (3 hits needed), although it jumps across the line.
        run.frame(car(60, 200));
        run.frame(car(140, 200));
        for (int i = 0; i < 5; i++) run.frame();
        assertThat(run.passages).isEmpty();
    }

    @Test
    void aLineTenPixelsFromTheFrameEdgeCountsVehiclesLeavingTheFrame() {
        // Vehicles drive left out of a 640-wide frame; the line is at x = 10. The detector clips boxes at the
        // edge and loses them when a sliver is left: the anchor must not stall at half the visible width.
        CountLine edge = new CountLine("edge", new Point(10, 100), new Point(10, 400), 3);
        SceneRun run = new SceneRun(SceneCalibration.countingOnly("t", 640, 480, List.of(edge)));
        for (double x = 300; x > -60; x -= 12) {
            double x1 = Math.max(0, x - 40), x2 = x + 40;
            if (x2 - x1 < 25) break; // detector no longer sees it
            run.frame(new Detection(new Box(x1, 250, x2, 300), TrafficClass.CAR, 0.9));
        }
        assertThat(run.passages).hasSize(1);
        assertThat(run.passages.get(0).direction()).as("leftwards is the right-hand side of a top-to-bottom line")
                .isEqualTo(CountLine.Direction.FORWARD);
    }

    @Test
    void passagesCarryTheLaneOfTheCrossing() {
        SceneCalibration lanes = SceneRun.scene(dir, """
                version: t
                frame: {width: 640, height: 480}
                lanes:
                  - {name: lane-1, polygon: [[0, 100], [100, 100], [100, 250], [0, 250]], allowed_classes: [car], travel: {from: [10, 200], to: [90, 200]}}
                  - {name: lane-2, polygon: [[0, 250], [100, 250], [100, 400], [0, 400]], allowed_classes: [motorbike], travel: {from: [10, 300], to: [90, 300]}}
                count_lines:
                  - {name: l, from: [50, 400], to: [50, 100]}
                """);
        SceneRun run = new SceneRun(lanes);
        for (int x = 10; x <= 90; x += 8) run.frame(car(x, 200), SceneRun.at(TrafficClass.MOTORBIKE, x, 320, 16, 30));
        assertThat(run.passages).extracting(SceneAnalyser.Passage::lane).containsExactlyInAnyOrder("lane-1", "lane-2");
        assertThat(run.passages).extracting(p -> p.vehicle().trafficClass()).containsExactlyInAnyOrder(TrafficClass.CAR, TrafficClass.MOTORBIKE);
    }
}
