package vn.matthan.detection.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One lane driving up the frame on a calibrated road plane: 10 px per metre, 5 m against the lane is wrong way. */
class WrongWayRuleTest {
    @TempDir
    Path dir;

    SceneCalibration scene() {
        return SceneRun.scene(dir, """
                version: t
                frame: {width: 640, height: 480}
                lanes:
                  - {name: up, polygon: [[0, 0], [640, 0], [640, 480], [0, 480]], allowed_classes: [car], travel: {from: [320, 470], to: [320, 10]}}
                ground_plane:
                  image: [[0, 480], [640, 480], [640, 0], [0, 0]]
                  road_metres: [[0, 0], [64, 0], [64, 48], [0, 48]]
                rules:
                  wrong_way: {min_metres: 5}
                """);
    }

    /** A near car (20 m x 15 m of picture is one big box), bottom centre at image row y. */
    static Detection nearCar(double y) {
        return SceneRun.at(TrafficClass.CAR, 320, y, 200, 150);
    }

    @Test
    void drivingAgainstTheLaneAtTownSpeedIsWrongWay() {
        SceneRun run = new SceneRun(scene());
        for (int y = 180; y <= 400; y += 8) run.frame(nearCar(y)); // 8 m/s back down the lane
        assertThat(run.violations).extracting(Violation::type).containsExactly(ViolationType.WRONG_WAY);
    }

    @Test
    void aTrackThatJumpsToTheCarBehindInAQueueIsNoWrongWayDriver() {
        SceneRun run = new SceneRun(scene());
        for (int y = 420; y >= 300; y -= 10) run.frame(nearCar(y)); // drives up to the queue
        for (int i = 0; i < 10; i++) run.frame(nearCar(300)); // waits
        // The car ahead is hidden; its track takes the car 6 m behind it (the boxes overlap enough to match).
        for (int i = 0; i < 20; i++) run.frame(nearCar(360));
        assertThat(run.tracker.tracks()).as("one track throughout").hasSize(1);
        assertThat(run.violations).isEmpty();
    }
}
