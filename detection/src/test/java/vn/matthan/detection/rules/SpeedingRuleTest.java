package vn.matthan.detection.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A ground plane of 10 px per metre (x right, y up the frame): 10 fps × 10 px/frame = 10 m/s = 36 km/h. */
class SpeedingRuleTest {
    @TempDir
    Path dir;

    SceneCalibration scene(String extra) {
        return SceneRun.scene(dir, """
                version: t
                frame: {width: 640, height: 480}
                count_lines:
                  - {name: l, from: [0, 240], to: [640, 240]}
                ground_plane:
                  image: [[0, 480], [640, 480], [640, 0], [0, 0]]
                  road_metres: [[0, 0], [64, 0], [64, 48], [0, 48]]
                """ + extra);
    }

    @Test
    void aVehicleFasterThanLimitPlusToleranceIsFlaggedOnceAsIndicativeWithItsSpeed() {
        SceneRun run = new SceneRun(scene("rules: {speeding: {limit_kmh: 50, tolerance_kmh: 5}}\n"));
        for (int y = 460; y >= 40; y -= 20) run.frame(SceneRun.at(TrafficClass.CAR, 200, y, 80, 60)); // 20 m/s = 72 km/h
        assertThat(run.violations).hasSize(1);
        Violation v = run.violations.get(0);
        assertThat(v.type()).isEqualTo(ViolationType.SPEEDING);
        assertThat(v.indicative()).isTrue();
        assertThat(v.speedKmh()).isCloseTo(72, within(3.0));
    }

    @Test
    void aVehicleWithinLimitPlusToleranceIsNotFlagged() {
        SceneRun run = new SceneRun(scene("rules: {speeding: {limit_kmh: 50, tolerance_kmh: 5}}\n"));
        for (int y = 460; y >= 40; y -= 14) run.frame(SceneRun.at(TrafficClass.CAR, 200, y, 80, 60)); // 14 m/s = 50.4 km/h
        assertThat(run.violations).isEmpty();
    }
}
