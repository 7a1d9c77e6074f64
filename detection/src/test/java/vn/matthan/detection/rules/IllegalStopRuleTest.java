package vn.matthan.detection.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.signal.ControllerSignal;
import vn.matthan.detection.signal.SignalPhase;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.matthan.detection.rules.SceneRun.FRAME_MICROS;
import static vn.matthan.detection.rules.SceneRun.car;

/**
 * A kerb zone (x 400–600, y 100–460) where standing is allowed 20 s, and the same zone tied to a stop line at the
 * top (y 90) for the red-light queue. Frames at 10 fps; SceneRun's clock starts at 05:13 Vietnam time.
 */
class IllegalStopRuleTest {
    @TempDir
    Path dir;

    private SceneCalibration zone(String kind, String extra) {
        return SceneRun.scene(dir, """
                version: t
                frame: {width: 640, height: 480}
                signal_groups:
                  - {name: main, source: controller, controller_id: c1}
                stop_lines:
                  - {name: stop, from: [600, 90], to: [400, 90], signal_group: main}
                restricted_zones:
                  - {name: kerb, kind: %s, polygon: [[400, 100], [600, 100], [600, 460], [400, 460]], allowed_seconds: 20%s}
                """.formatted(kind, extra));
    }

    private static ControllerSignal always(SignalPhase p) {
        ControllerSignal c = new ControllerSignal();
        c.change(0, p);
        return c;
    }

    private static int frames(double seconds) {
        return (int) Math.round(seconds * 1e6 / FRAME_MICROS);
    }

    @Test
    void aCarStanding30SecondsInA20SecondZoneIsExactlyOneViolationAtTheLimit() {
        SceneRun run = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        for (int y = 470; y > 300; y -= 20) run.frame(car(500, y)); // drives in
        run.frame(car(500, 300));
        long stoppedAt = run.timeMicros;
        for (int i = 0; i < frames(30); i++) run.frame(car(500 + (i % 3) - 1, 300 + (i % 2))); // box jitter
        for (int y = 290; y > 100; y -= 20) run.frame(car(500, y)); // drives off
        assertThat(run.violations).hasSize(1);
        Violation v = run.violations.get(0);
        assertThat(v.type()).isEqualTo(ViolationType.STOPPING);
        assertThat(v.rule()).isEqualTo("stopping:kerb");
        assertThat(v.place()).isEqualTo("kerb");
        // the tracker's smoothed box settles a frame or two after the car does
        assertThat((v.beforeMicros() - stoppedAt) / 1e6).as("the first still: where it stopped").isBetween(0.0, 0.5);
        assertThat((v.timeMicros() - v.beforeMicros()) / 1e6).as("reported at the limit").isBetween(20.0, 20.2);
    }

    @Test
    void aNoParkingZoneReportsParking() {
        SceneRun run = new SceneRun(zone("parking", ""), Map.of("main", always(SignalPhase.GREEN)));
        for (int i = 0; i < frames(25); i++) run.frame(car(500, 300));
        assertThat(run.violations).extracting(Violation::type).containsExactly(ViolationType.PARKING);
    }

    @Test
    void aShortStopIsNone() {
        SceneRun run = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        for (int i = 0; i < frames(19); i++) run.frame(car(500, 300));
        for (int y = 290; y > 100; y -= 20) run.frame(car(500, y));
        assertThat(run.violations).isEmpty();
    }

    @Test
    void aCarCrawlingThroughAJamIsNotStanding() {
        SceneRun run = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        double y = 455; // 0.5 px a frame (5 px/s): 60 s to cross 300 px, never still for long on one spot
        for (int i = 0; i < frames(60); i++, y -= 0.5) run.frame(car(500, y));
        assertThat(run.violations).isEmpty();
        // a stop-and-go jam: 8 s still, then a car length on, again and again
        SceneRun jam = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        for (int stop = 0; stop < 6; stop++) for (int i = 0; i < frames(8); i++) jam.frame(car(500, 440 - stop * 40));
        assertThat(jam.violations).isEmpty();
    }

    @Test
    void aCarQueueingAtARedLightIsNone() {
        ControllerSignal signal = new ControllerSignal();
        long t0 = 1_700_000_000_000_000L;
        signal.change(t0, SignalPhase.RED);
        signal.change(t0 + 40_000_000, SignalPhase.GREEN); // 40 s of red, then green
        SceneRun run = new SceneRun(zone("stopping", ", stop_line: stop, discharge_seconds: 10"), Map.of("main", signal));
        for (int i = 0; i < frames(45); i++) run.frame(car(500, 300)); // waits through red and 5 s into green
        for (int y = 290; y > 100; y -= 20) run.frame(car(500, y));
        assertThat(run.violations).isEmpty();
        // Without the stop line the same wait is a violation: the tie to the signal is what spares the queue.
        ControllerSignal again = new ControllerSignal();
        again.change(t0, SignalPhase.RED);
        SceneRun untied = new SceneRun(zone("stopping", ""), Map.of("main", again));
        for (int i = 0; i < frames(45); i++) untied.frame(car(500, 300));
        assertThat(untied.violations).hasSize(1);
    }

    @Test
    void aCarLeftStandingInTheQueueAreaCountsOnlyGreenTimeAfterTheDischarge() {
        ControllerSignal signal = new ControllerSignal();
        long t0 = 1_700_000_000_000_000L;
        signal.change(t0, SignalPhase.RED);
        signal.change(t0 + 10_000_000, SignalPhase.GREEN);
        SceneRun run = new SceneRun(zone("stopping", ", stop_line: stop, discharge_seconds: 10"), Map.of("main", signal));
        for (int i = 0; i < frames(60); i++) run.frame(car(500, 300));
        assertThat(run.violations).hasSize(1);
        double at = (run.violations.get(0).timeMicros() - t0) / 1e6;
        assertThat(at).as("10 s red + 10 s discharge + 20 s standing").isBetween(39.8, 40.3);
    }

    @Test
    void outsideTheZonesHoursIsNone() {
        // SceneRun starts at 05:13 Vietnam time
        SceneRun evening = new SceneRun(zone("parking", ", hours: [\"17:00-19:00\", \"22:00-05:00\"]"), Map.of("main", always(SignalPhase.GREEN)));
        for (int i = 0; i < frames(40); i++) evening.frame(car(500, 300));
        assertThat(evening.violations).isEmpty();
        SceneRun morning = new SceneRun(zone("parking", ", hours: [\"05:00-09:00\"]"), Map.of("main", always(SignalPhase.GREEN)));
        for (int i = 0; i < frames(40); i++) morning.frame(car(500, 300));
        assertThat(morning.violations).hasSize(1);
    }

    @Test
    void aShortOcclusionKeepsTheClock() {
        SceneRun run = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        run.frame(car(500, 300));
        long stoppedAt = run.timeMicros;
        for (int i = 0; i < frames(8); i++) run.frame(car(500, 300));
        for (int i = 0; i < frames(1.5); i++) run.frame(); // hidden by a passing bus: the track is lost, kept
        for (int i = 0; i < frames(15); i++) run.frame(car(500, 300));
        assertThat(run.violations).hasSize(1);
        assertThat((run.violations.get(0).timeMicros() - stoppedAt) / 1e6).isBetween(20.0, 20.2);
    }

    @Test
    void aNewTrackOnTheSameSpotAfterALongOcclusionTakesOverTheStay() {
        SceneRun run = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        run.frame(car(500, 300));
        long stoppedAt = run.timeMicros;
        for (int i = 0; i < frames(8); i++) run.frame(car(500, 300));
        for (int i = 0; i < frames(6); i++) run.frame(); // longer than the tracker keeps a lost track (30 frames)
        for (int i = 0; i < frames(15); i++) run.frame(car(500, 300));
        assertThat(run.violations).hasSize(1);
        assertThat((run.violations.get(0).timeMicros() - stoppedAt) / 1e6).isBetween(20.0, 20.5);
        long firstTrack = run.violations.get(0).trackId();
        // hidden again after the report: the new track inherits "reported", so no second violation for this stay
        for (int i = 0; i < frames(6); i++) run.frame();
        for (int i = 0; i < frames(30); i++) run.frame(car(500, 300));
        assertThat(run.violations).hasSize(1);
        assertThat(run.tracker.tracks()).allMatch(t -> t.id() != firstTrack);
    }

    @Test
    void aDifferentCarArrivingLaterStartsItsOwnClock() {
        SceneRun run = new SceneRun(zone("stopping", ""), Map.of("main", always(SignalPhase.GREEN)));
        for (int i = 0; i < frames(10); i++) run.frame(car(500, 300));
        for (int i = 0; i < frames(12); i++) run.frame(); // the first car is gone (no return within 10 s)
        for (int i = 0; i < frames(15); i++) run.frame(car(500, 300)); // another one stands 15 s
        assertThat(run.violations).isEmpty();
    }
}
