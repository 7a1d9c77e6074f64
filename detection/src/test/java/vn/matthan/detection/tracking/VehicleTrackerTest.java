package vn.matthan.detection.tracking;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** ByteTrack behaviour on synthetic detections where the truth is known. */
class VehicleTrackerTest {

    @Test
    void twoVehiclesOnCrossingPathsKeepTheirIds() {
        VehicleTracker tracker = new VehicleTracker();
        Map<Long, List<Double>> xsById = new HashMap<>();
        for (int f = 0; f < 60; f++) {
            // A goes right, B goes left, on the same row: they overlap fully around frame 30.
            Detection a = car(100 + f * 10, 300, 0.9);
            Detection b = car(700 - f * 10, 305, 0.85);
            for (Track t : tracker.update(List.of(a, b))) {
                xsById.computeIfAbsent(t.id(), k -> new ArrayList<>()).add((t.box().x1() + t.box().x2()) / 2);
            }
        }
        assertThat(xsById).hasSize(2);
        for (List<Double> xs : xsById.values()) {
            boolean increasing = xs.get(xs.size() - 1) > xs.get(0);
            for (int i = 1; i < xs.size(); i++) {
                assertThat(xs.get(i) > xs.get(i - 1)).as("no id switch: monotonic motion").isEqualTo(increasing);
            }
        }
    }

    @Test
    void aVehicleHiddenForTenFramesComesBackWithItsId() {
        VehicleTracker tracker = new VehicleTracker();
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 40; f++) {
            boolean occluded = f >= 15 && f < 25;
            List<Detection> dets = occluded ? List.of() : List.of(car(100 + f * 8, 300, 0.9));
            tracker.update(dets).forEach(t -> ids.add(t.id()));
        }
        assertThat(ids).hasSize(1);
    }

    @Test
    void aParkedCarFoundOnlyDoubtfullyAfterAMissedFrameKeepsItsId() {
        // A parked car the detector scores 0.35-0.45 once it stands still (no sure detection to restart a track):
        // one missed frame must not cost it its identity, or a parking rule its clock.
        VehicleTracker tracker = new VehicleTracker();
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 80; f++) {
            List<Detection> dets;
            if (f < 10) dets = List.of(car(100 + (10 - f) * 6, 300, 0.8)); // drives in and stops
            else if (f % 15 == 0) dets = List.of();                            // a passing car hides it for a frame
            else dets = List.of(car(100, 300, f % 2 == 0 ? 0.35 : 0.45));
            tracker.update(dets).forEach(t -> ids.add(t.id()));
        }
        assertThat(ids).hasSize(1);
        assertThat(tracker.tracks()).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo(Track.Status.CONFIRMED));
    }

    @Test
    void scoresFlickeringAroundTheThresholdNeitherBreakNorDuplicateTheTrack() {
        VehicleTracker tracker = new VehicleTracker();
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 50; f++) {
            double score = f % 2 == 0 ? 0.62 : 0.3; // below the high threshold every other frame
            tracker.update(List.of(car(100 + f * 5, 300, score))).forEach(t -> ids.add(t.id()));
        }
        assertThat(ids).hasSize(1);
        assertThat(tracker.tracks()).hasSize(1);
    }

    @Test
    void lowScoreClutterNeverBecomesATrack() {
        VehicleTracker tracker = new VehicleTracker();
        Random r = new Random(7);
        for (int f = 0; f < 100; f++) {
            List<Detection> clutter = new ArrayList<>();
            for (int i = 0; i < 5; i++) clutter.add(car(r.nextInt(1000), r.nextInt(600), 0.1 + r.nextDouble() * 0.35));
            assertThat(tracker.update(clutter)).isEmpty();
        }
        assertThat(tracker.tracks()).isEmpty();
    }

    @Test
    void aDenseGroupOfThirtyMotorbikesKeepsThirtyStableIds() {
        VehicleTracker tracker = new VehicleTracker();
        Random jitter = new Random(3);
        Map<Integer, Set<Long>> idsPerBike = new HashMap<>();
        for (int f = 0; f < 80; f++) {
            List<Detection> dets = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int row = i / 6, col = i % 6;
                // 30×40 px bikes 34 px apart: neighbours nearly touch, the group moves together.
                double x = 100 + col * 34 + f * 6 + jitter.nextGaussian();
                double y = 200 + row * 44 + f * 2 + jitter.nextGaussian();
                dets.add(new Detection(new Box(x, y, x + 30, y + 40), TrafficClass.MOTORBIKE, 0.7 + 0.2 * jitter.nextDouble()));
            }
            List<Track> confirmed = tracker.update(dets);
            if (f >= 5) assertThat(confirmed).hasSize(30);
            for (Track t : confirmed) {
                int bike = nearest(dets, t.box());
                idsPerBike.computeIfAbsent(bike, k -> new HashSet<>()).add(t.id());
            }
        }
        assertThat(idsPerBike).hasSize(30);
        assertThat(idsPerBike.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(tracker.tracks()).hasSize(30);
    }

    @Test
    void aCarSwervingIntoTheNextLaneWhileMissedForTwoFramesKeepsItsId() {
        // Driving up the picture, then a sharp lane change (25 px a frame sideways) during which the detector misses
        // it twice: its constant-velocity prediction no longer overlaps where it is found again.
        VehicleTracker tracker = new VehicleTracker(TrackerSettings.defaults(), 1280, 720);
        Set<Long> ids = new HashSet<>();
        double x = 400, y = 600;
        for (int f = 0; f < 30; f++) {
            y -= 10;
            if (f >= 10 && f < 15) x += 25;
            boolean missed = f == 11 || f == 12;
            tracker.update(missed ? List.of() : List.of(car(x, y, 0.9))).forEach(t -> ids.add(t.id()));
        }
        assertThat(ids).hasSize(1);
    }

    @Test
    void aCarEnteringWhereALostOneDroveOutIsANewVehicle() {
        // A lost track predicted out through the bottom edge is not recovered by a car entering beside it there,
        // and one lost longer than half a second is not recovered by a car turning up next to its last position.
        VehicleTracker tracker = new VehicleTracker(TrackerSettings.defaults(), 1280, 720);
        Set<Long> ids = new HashSet<>();
        for (int f = 0; f < 8; f++) tracker.update(List.of(car(300, 640 + f * 8, 0.9))).forEach(t -> ids.add(t.id()));
        for (int f = 0; f < 3; f++) tracker.update(List.of());
        for (int f = 0; f < 6; f++) tracker.update(List.of(car(420, 670 - f * 8, 0.9))).forEach(t -> ids.add(t.id()));
        assertThat(ids).as("the entering car is another vehicle").hasSize(2);

        VehicleTracker later = new VehicleTracker(TrackerSettings.defaults(), 1280, 720);
        Set<Long> laterIds = new HashSet<>();
        for (int f = 0; f < 8; f++) later.update(List.of(car(500, 300 - f * 3, 0.9))).forEach(t -> laterIds.add(t.id()));
        for (int f = 0; f < 8; f++) later.update(List.of());
        for (int f = 0; f < 6; f++) later.update(List.of(car(560, 290, 0.9))).forEach(t -> laterIds.add(t.id()));
        assertThat(laterIds).as("lost for 0.8 s: a car now beside its last position is another one").hasSize(2);
    }

    @Test
    void theClassIsVotedAlongTheTrack() {
        VehicleTracker tracker = new VehicleTracker();
        List<Track> last = List.of();
        for (int f = 0; f < 10; f++) {
            TrafficClass c = f == 4 ? TrafficClass.TRUCK : TrafficClass.CAR;
            last = tracker.update(List.of(new Detection(new Box(100 + f * 5, 100, 160 + f * 5, 140), c, 0.8)));
        }
        assertThat(last).singleElement().extracting(Track::trafficClass).isEqualTo(TrafficClass.CAR);
    }

    static Detection car(double cx, double cy, double score) {
        return new Detection(new Box(cx - 40, cy - 30, cx + 40, cy + 30), TrafficClass.CAR, score);
    }

    static int nearest(List<Detection> dets, Box b) {
        int best = -1;
        double bestIou = -1;
        for (int i = 0; i < dets.size(); i++) {
            double iou = dets.get(i).box().iou(b);
            if (iou > bestIou) {
                bestIou = iou;
                best = i;
            }
        }
        return best;
    }
}
