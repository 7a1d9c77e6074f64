package vn.matthan.detection.rules;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.scene.SceneCalibration;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.matthan.detection.rules.SceneRun.at;
import static vn.matthan.detection.rules.SceneRun.car;

/** Two lanes driving up the frame: a car lane (x 100–300) and a motorbike lane (x 300–500), solid line between. */
class LaneRulesTest {
    @TempDir
    Path dir;
    SceneCalibration scene;

    @BeforeEach
    void load() {
        scene = SceneRun.scene(dir, """
                version: t
                frame: {width: 640, height: 480}
                lanes:
                  - {name: cars, polygon: [[100, 0], [300, 0], [300, 480], [100, 480]], allowed_classes: [car, bus, truck], travel: {from: [200, 470], to: [200, 10]}}
                  - {name: motorbikes, polygon: [[300, 0], [500, 0], [500, 480], [300, 480]], allowed_classes: [motorbike, bicycle], travel: {from: [400, 470], to: [400, 10]}}
                solid_lines:
                  - {name: divider, points: [[300, 100], [300, 400]], hysteresis_px: 4}
                rules:
                  lane: {min_frames: 8}
                  wrong_way: {min_pixels: 60}
                """);
    }

    @Test
    void aCarDrivingInTheMotorbikeLaneIsOneLaneViolationAfterTheMinimumFrames() {
        SceneRun run = new SceneRun(scene);
        for (int y = 470; y >= 380; y -= 10) run.frame(car(420, y)); // 10 frames, 8 confirmed
        assertThat(run.violations).hasSize(1);
        Violation v = run.violations.get(0);
        assertThat(v.type()).isEqualTo(ViolationType.LANE);
        assertThat(v.detail()).isEqualTo("class_not_allowed");
        assertThat(v.place()).isEqualTo("motorbikes");
        for (int y = 370; y >= 100; y -= 10) run.frame(car(420, y));
        assertThat(run.violations).as("one violation per track and rule").hasSize(1);
    }

    @Test
    void aBriefVisitShorterThanTheMinimumIsNoViolation() {
        SceneRun run = new SceneRun(scene);
        for (int y = 470; y >= 440; y -= 10) run.frame(car(420, y));
        for (int y = 430; y >= 100; y -= 10) run.frame(car(200, y));
        assertThat(run.violations).isEmpty();
        SceneRun bikes = new SceneRun(scene);
        for (int y = 470; y >= 100; y -= 10) bikes.frame(at(TrafficClass.MOTORBIKE, 420, y, 16, 30));
        assertThat(bikes.violations).isEmpty();
    }

    @Test
    void crossingTheSolidLineIsAViolationButRidingOnItIsNot() {
        SceneRun cross = new SceneRun(scene);
        for (int i = 0; i < 20; i++) cross.frame(car(250 + i * 3, 350 - i * 10)); // x 250 → 307: over the line
        assertThat(cross.violations).extracting(Violation::detail).containsExactly("solid_line_crossed");

        SceneRun ride = new SceneRun(scene);
        for (int i = 0; i < 20; i++) ride.frame(car(297 + (i % 3) * 3, 350 - i * 10)); // 297..303: within 4 px
        assertThat(ride.violations).isEmpty();

        SceneRun beyondEnd = new SceneRun(scene);
        for (int i = 0; i < 20; i++) beyondEnd.frame(car(250 + i * 3, 470)); // below the line's end at y = 400
        assertThat(beyondEnd.violations).extracting(Violation::detail).doesNotContain("solid_line_crossed");
    }

    @Test
    void drivingAgainstTheLaneDirectionIsWrongWayButStoppingOrJitterIsNot() {
        SceneRun wrong = new SceneRun(scene);
        for (int y = 100; y <= 400; y += 10) wrong.frame(car(200, y)); // down the frame in an up lane
        assertThat(wrong.violations).extracting(Violation::type).containsExactly(ViolationType.WRONG_WAY);

        SceneRun stopped = new SceneRun(scene);
        for (int y = 400; y >= 250; y -= 10) stopped.frame(car(200, y));
        for (int i = 0; i < 40; i++) stopped.frame(car(200, 250 + (i % 5) * 4)); // jitter up to 16 px back
        assertThat(stopped.violations).isEmpty();
    }

    @Test
    void aWrongWayDriverWhoseTrackBreaksIsOneCaseButAnotherDriverLaterIsAnother() {
        SceneRun run = new SceneRun(scene);
        for (int y = 100; y <= 250; y += 10) run.frame(car(200, y));
        assertThat(run.violations).hasSize(1);
        // The box jumps sideways (a merged or cut box): the tracker starts a new track where the old one was.
        for (int y = 260; y <= 400; y += 10) run.frame(car(232, y));
        assertThat(run.tracker.tracks()).as("the track broke").anyMatch(t -> t.isConfirmed() && t.id() != run.violations.get(0).trackId());
        assertThat(run.violations).as("the same driver, not a second case").hasSize(1);

        for (int i = 0; i < 30; i++) run.frame(); // the lane empties
        for (int y = 100; y <= 250; y += 10) run.frame(car(200, y));
        assertThat(run.violations).as("a second wrong-way driver").hasSize(2);
        assertThat(run.violations.get(1).trackId()).isNotEqualTo(run.violations.get(0).trackId());
    }
}
