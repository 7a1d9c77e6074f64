package vn.matthan.detection.rules;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.signal.ControllerSignal;
import vn.matthan.detection.signal.DebouncedSignal;
import vn.matthan.detection.signal.SignalPhase;
import vn.matthan.detection.signal.SignalTimeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.matthan.detection.rules.SceneRun.car;

/** Vehicles drive up the frame (y decreasing) towards a stop line at y = 200 between x = 100 and 400. */
class RedLightRuleTest {
    @TempDir
    Path dir;
    SceneCalibration scene;

    @BeforeEach
    void load() {
        scene = SceneRun.scene(dir, """
                version: t
                frame: {width: 640, height: 480}
                signal_groups:
                  - {name: main, source: controller, controller_id: ctrl-1}
                lanes:
                  - {name: straight, polygon: [[100, 0], [300, 0], [300, 480], [100, 480]], allowed_classes: [car, motorbike], travel: {from: [200, 470], to: [200, 10]}}
                  - {name: right-turn, polygon: [[300, 0], [400, 0], [400, 480], [300, 480]], allowed_classes: [car, motorbike], travel: {from: [350, 470], to: [350, 10]}}
                stop_lines:
                  - {name: stop, from: [400, 200], to: [100, 200], signal_group: main, exempt_lanes: [right-turn]}
                rules:
                  red_light: {min_time_into_red_seconds: 0.2}
                """);
    }

    /** A controller that turned red at {@code redAt} (micros) and green 30 s later. */
    static ControllerSignal redFrom(long redAt) {
        ControllerSignal c = new ControllerSignal();
        c.change(redAt - 10_000_000, SignalPhase.GREEN);
        c.change(redAt, SignalPhase.RED);
        c.change(redAt + 30_000_000, SignalPhase.GREEN);
        return c;
    }

    SceneRun runWith(Function<Long, SignalTimeline> signalFromStart) {
        long start = 1_700_000_000_000_000L;
        return new SceneRun(scene, Map.of("main", signalFromStart.apply(start)));
    }

    @Test
    void aCarCrossingWhollyOnRedIsOneViolationWithItsTimeIntoRed() {
        SceneRun run = runWith(start -> redFrom(start + 500_000));
        for (int y = 330; y >= 100; y -= 10) run.frame(car(200, y));
        assertThat(run.violations).hasSize(1);
        Violation v = run.violations.get(0);
        assertThat(v.type()).isEqualTo(ViolationType.RED_LIGHT);
        assertThat(v.place()).isEqualTo("stop");
        assertThat(v.signal().isRed()).isTrue();
        // Anchor at y = 330 in frame 1, 10 px per frame: the whole box is past (bottom above y = 198) with the
        // anchor at y = 190 in frame 15 (t = 1.5 s), give or take a frame of tracker smoothing.
        assertThat(v.timeIntoRedSeconds()).isCloseTo(1.0, within(0.11));
    }

    @Test
    void crossingOnGreenOrBeforeTheGraceIsNoViolation() {
        SceneRun green = runWith(start -> redFrom(start + 60_000_000));
        for (int y = 330; y >= 100; y -= 10) green.frame(car(200, y));
        assertThat(green.violations).isEmpty();

        // Red came 0.1 s before the box was wholly past: inside the 0.2 s grace.
        SceneRun grace = runWith(start -> redFrom(start + 1_450_000));
        for (int y = 330; y >= 100; y -= 10) grace.frame(car(200, y));
        assertThat(grace.violations).isEmpty();
    }

    @Test
    void aVehicleStoppingOnTheLineIsNoViolationEvenWhenItLaterGoesOnGreen() {
        SceneRun run = runWith(start -> {
            ControllerSignal c = new ControllerSignal();
            c.change(start, SignalPhase.RED);
            c.change(start + 8_000_000, SignalPhase.GREEN);
            return c;
        });
        for (int y = 330; y >= 210; y -= 10) run.frame(car(200, y));
        for (int i = 0; i < 70; i++) run.frame(car(200, 210 + (i % 2))); // front over the line, waiting for green
        for (int y = 200; y >= 100; y -= 5) run.frame(car(200, y));
        assertThat(run.violations).isEmpty();
    }

    @Test
    void aBoxFlickeringAcrossTheLineIsJudgedOnceAtItsFirstWhollyPastFrame() {
        SceneRun run = runWith(start -> redFrom(start + 500_000));
        int[] ys = {300, 290, 280, 270, 260, 250, 240, 230, 220, 210, 200, 194, 203, 195, 204, 190, 180, 170};
        for (int y : ys) run.frame(car(200, y));
        assertThat(run.violations).hasSize(1);
    }

    @Test
    void twoVehiclesCrossingInTheSameFrameAreTwoViolations() {
        SceneRun run = runWith(start -> redFrom(start));
        for (int y = 330; y >= 100; y -= 10) run.frame(car(150, y), car(250, y));
        assertThat(run.violations).hasSize(2);
        assertThat(run.violations).extracting(Violation::trackId).doesNotHaveDuplicates();
    }

    @Test
    void anExemptLaneOrATrackFirstSeenPastTheLineIsNoViolation() {
        SceneRun run = runWith(start -> redFrom(start));
        for (int y = 330; y >= 100; y -= 10) run.frame(car(350, y));          // right turn on red lane
        SceneRun born = runWith(start -> redFrom(start));
        for (int y = 150; y >= 50; y -= 10) born.frame(car(200, y));          // already in the junction
        assertThat(run.violations).isEmpty();
        assertThat(born.violations).isEmpty();
    }

    @Test
    void anUnconfirmedTrackIsNeverJudged() {
        SceneRun run = runWith(start -> redFrom(start));
        run.frame(car(200, 215));
        run.frame(car(200, 170));
        for (int i = 0; i < 5; i++) run.frame();
        assertThat(run.violations).isEmpty();
    }

    @Test
    void withVisionARedThatFlickersForOneFrameNeitherStartsNorBreaksRed() {
        DebouncedSignal vision = new DebouncedSignal(0.4, 0.25, 2.0);
        SceneRun run = new SceneRun(scene, Map.of("main", vision));
        // Green, then one red frame at frame 5 (a flicker), green again; real red from frame 10 with one dark
        // frame at 18. The car is wholly past the line at frame 15 (anchor 190 with 10 px/frame from 330).
        int frame = 0;
        for (int y = 330; y >= 100; y -= 10) {
            frame++;
            SignalPhase lamp = frame == 5 ? SignalPhase.RED : frame < 10 ? SignalPhase.GREEN
                    : frame == 18 ? SignalPhase.UNKNOWN : SignalPhase.RED;
            vision.observe(run.timeMicros + SceneRun.FRAME_MICROS, lamp);
            run.frame(car(200, y));
        }
        assertThat(run.violations).hasSize(1);
        assertThat(run.violations.get(0).timeIntoRedSeconds()).as("red began at frame 10").isCloseTo(0.5, within(0.11));

        DebouncedSignal flickerOnly = new DebouncedSignal(0.4, 0.25, 2.0);
        SceneRun greenRun = new SceneRun(scene, Map.of("main", flickerOnly));
        frame = 0;
        for (int y = 330; y >= 100; y -= 10) {
            frame++;
            flickerOnly.observe(greenRun.timeMicros + SceneRun.FRAME_MICROS, frame == 15 ? SignalPhase.RED : SignalPhase.GREEN);
            greenRun.frame(car(200, y));
        }
        assertThat(greenRun.violations).as("one red frame exactly when the car crosses").isEmpty();
    }

    @Test
    void aCarMissedWhileCrossingOnRedIsJudgedOnceOnItsNewTrackButNotWhenRedCameInTheGap() {
        // Seen up to just before the line, missed for 8 frames as it crosses, found again past it a box width to
        // the side: the tracker starts a new track there, which never saw the line.
        Function<SceneRun, SceneRun> drive = run -> {
            for (int y = 330; y >= 210; y -= 10) run.frame(car(200, y));
            for (int i = 0; i < 8; i++) run.frame();
            for (int y = 120; y >= 20; y -= 10) run.frame(car(232, y));
            return run;
        };
        SceneRun onRed = drive.apply(runWith(start -> redFrom(start - 5_000_000)));
        assertThat(onRed.tracker.tracks()).as("the track broke").hasSizeGreaterThanOrEqualTo(1);
        assertThat(onRed.violations).hasSize(1);
        Violation v = onRed.violations.get(0);
        assertThat(v.type()).isEqualTo(ViolationType.RED_LIGHT);
        // Judged as far into red as its last sighting before the line (frame 13: 1.3 s after the start, 6.3 s into red).
        assertThat(v.timeIntoRedSeconds()).isCloseTo(6.3, within(0.11));

        SceneRun redInTheGap = drive.apply(runWith(start -> redFrom(start + 1_600_000)));
        assertThat(redInTheGap.violations).as("it may have crossed on amber").isEmpty();

        SceneRun green = drive.apply(runWith(start -> redFrom(start + 60_000_000)));
        assertThat(green.violations).isEmpty();
    }
}
