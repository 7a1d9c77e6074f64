package vn.matthan.detection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PassageCounterTest {
    // Vertical line at x = 100 from bottom to top: moving right (+x) is forward.
    final CountLine line = new CountLine("l", new Point(100, 400), new Point(100, 100), 3);

    @Test
    void rightHandSideOfTheLineIsForward() {
        assertThat(line.side(new Point(150, 200))).isEqualTo(1);
        assertThat(line.side(new Point(50, 200))).isEqualTo(-1);
        assertThat(line.side(new Point(101, 200))).as("inside the dead band").isZero();
    }

    @Test
    void aTrackCrossingOnceCountsOnceInItsDirection() {
        VehicleTracker tracker = new VehicleTracker();
        PassageCounter counter = new PassageCounter(List.of(line));
        List<PassageCounter.Crossing> all = new ArrayList<>();
        for (int x = 40; x <= 200; x += 10) all.addAll(counter.update(tracker.update(List.of(car(x, 200)))));

        assertThat(all).hasSize(1);
        assertThat(all.get(0).direction()).isEqualTo(CountLine.Direction.FORWARD);
    }

    @Test
    void jitterOnTheLineNeverCountsTwice() {
        VehicleTracker tracker = new VehicleTracker();
        PassageCounter counter = new PassageCounter(List.of(line));
        List<PassageCounter.Crossing> all = new ArrayList<>();
        int[] xs = {60, 70, 80, 90, 99, 102, 98, 101, 99, 104, 96, 110, 120, 130};
        for (int x : xs) all.addAll(counter.update(tracker.update(List.of(car(x, 200)))));

        assertThat(all).hasSize(1);
    }

    @Test
    void vehiclesCrossingTogetherAreCountedSeparately() {
        VehicleTracker tracker = new VehicleTracker();
        PassageCounter counter = new PassageCounter(List.of(line));
        List<PassageCounter.Crossing> all = new ArrayList<>();
        for (int x = 40; x <= 200; x += 10) {
            all.addAll(counter.update(tracker.update(List.of(car(x, 150), car(x, 300)))));
        }
        assertThat(all).hasSize(2);
        assertThat(all).extracting(c -> c.track().id()).doesNotHaveDuplicates();
    }

    @Test
    void aTrackFirstSeenPastTheLineOrBeyondItsEndIsNotCounted() {
        VehicleTracker tracker = new VehicleTracker();
        PassageCounter counter = new PassageCounter(List.of(line));
        List<PassageCounter.Crossing> all = new ArrayList<>();
        for (int x = 120; x <= 200; x += 10) all.addAll(counter.update(tracker.update(List.of(car(x, 200)))));
        // Passing below the line's lower end (y = 400) is not a crossing.
        for (int x = 40; x <= 200; x += 10) all.addAll(counter.update(tracker.update(List.of(car(x, 470)))));
        assertThat(all).isEmpty();
    }

    @Test
    void unconfirmedTracksAreIgnored() {
        VehicleTracker tracker = new VehicleTracker();
        PassageCounter counter = new PassageCounter(List.of(line));
        // Two detections only: never confirmed (3 hits needed).
        assertThat(counter.update(tracker.update(List.of(car(95, 200))))).isEmpty();
        assertThat(counter.update(tracker.update(List.of(car(105, 200))))).isEmpty();
    }

    /** A 40×30 car whose bottom centre is at (x, y). */
    static Detection car(double x, double y) {
        return new Detection(new Box(x - 20, y - 30, x + 20, y), TrafficClass.CAR, 0.9);
    }
}
