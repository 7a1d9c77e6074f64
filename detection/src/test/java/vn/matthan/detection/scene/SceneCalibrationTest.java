package vn.matthan.detection.scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SceneCalibrationTest {
    static final String FULL = """
            version: "2026-11-22.1"
            frame: {width: 1280, height: 720}
            signal_groups:
              - {name: main, source: vision, light_region: [1150, 40, 40, 110], lock_seconds: 0.4}
              - {name: left, source: controller, controller_id: ctrl-7}
            stop_lines:
              - {name: stop-north, from: [900, 400], to: [300, 400], signal_group: main, exempt_lanes: [right]}
            lanes:
              - {name: right, polygon: [[700, 400], [900, 400], [1100, 720], [800, 720]], allowed_classes: [car, motorbike], travel: {from: [900, 700], to: [800, 410]}}
            solid_lines:
              - {name: centre, points: [[600, 400], [640, 720]]}
            count_lines:
              - {name: entry, from: [1200, 600], to: [100, 600]}
            ground_plane:
              image: [[100, 700], [1180, 700], [860, 180], [480, 180]]
              road_metres: [[-4, 0], [11, 0], [11, 60], [-4, 60]]
            rules:
              red_light: {min_time_into_red_seconds: 0.1}
              lane: {min_frames: 6}
              wrong_way: {min_metres: 4}
              speeding: {limit_kmh: 50, tolerance_kmh: 5}
            """;

    @TempDir
    Path dir;

    @Test
    void aCompleteCalibrationLoadsEveryPart() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, FULL);
        SceneCalibration s = SceneCalibration.load(f);
        assertThat(s.version()).matches("2026-11-22\\.1#[0-9a-f]{12}");
        assertThat(s.signalGroups()).extracting(SignalGroup::source).containsExactly(SignalGroup.Source.VISION, SignalGroup.Source.CONTROLLER);
        assertThat(s.stopLines().get(0).exemptLanes()).containsExactly("right");
        assertThat(s.lanes().get(0).allows(TrafficClass.MOTORBIKE)).isTrue();
        assertThat(s.lanes().get(0).allows(TrafficClass.TRUCK)).isFalse();
        assertThat(s.laneAt(new Point(850, 600))).map(Lane::name).contains("right");
        assertThat(s.rules().speedLimitKmh()).isEqualTo(50.0);
        assertThat(s.rules().laneMinFrames()).isEqualTo(6);
        Point far = s.groundPlane().orElseThrow().toRoad(new Point(860, 180));
        assertThat(far.x()).isCloseTo(11, within(1e-3));
        assertThat(far.y()).isCloseTo(60, within(1e-3));
    }

    @Test
    void theRoadRegionHoldsEveryCalibratedPartWithRoomAboveForVehicleTops() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, FULL);
        // Lanes, lines and ground plane span x 100..1200, y 180..720; 12 % of the height above, 2 % on the other sides.
        assertThat(SceneCalibration.load(f).roadRegion()).contains(new vn.matthan.detection.geometry.Box(100 - 1280 * 0.02, 180 - 720 * 0.12, 1200 + 1280 * 0.02, 720));
        Files.writeString(f, FULL.replace("ground_plane:\n  image: [[100, 700], [1180, 700], [860, 180], [480, 180]]", "ground_plane:\n  image: [[20, 700], [1260, 700], [860, 20], [480, 20]]"));
        assertThat(SceneCalibration.load(f).roadRegion()).as("nearly the whole frame: no crop").isEmpty();
        assertThat(SceneCalibration.countingOnly("v", 1280, 720, java.util.List.of(new CountLine("c", new Point(10, 10), new Point(20, 20), 3)))
                .roadRegion()).as("no lanes: no idea where vehicles come from").isEmpty();
    }

    @Test
    void theVersionChangesWithTheGeometryEvenUnderTheSameLabel() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, FULL);
        String v1 = SceneCalibration.load(f).version();
        Files.writeString(f, FULL.replace("[900, 400], to: [300, 400]", "[900, 401], to: [300, 401]"));
        assertThat(SceneCalibration.load(f).version()).isNotEqualTo(v1);
    }

    @Test
    void invalidCalibrationsAreRejectedWithTheLineTheFieldAndTheReason() throws Exception {
        rejects(FULL.replace("[1200, 600], to: [100, 600]", "[1300, 600], to: [100, 600]"),
                13, "count_lines[0].from: (1300, 600) is outside the 1280x720 frame");
        rejects(FULL.replace("[[700, 400], [900, 400], [1100, 720], [800, 720]]", "[[700, 400], [1100, 720], [900, 400], [800, 720]]"),
                9, "lanes[0].polygon: self-intersecting (edge 0 crosses edge 2)");
        rejects(FULL.replace("allowed_classes: [car, motorbike]", "allowed_classes: [car, tank]"),
                9, "lanes[0].allowed_classes[1]: unknown class 'tank' (known: car, motorbike, bus, truck, bicycle)");
        rejects(FULL.replace("signal_group: main", "signal_group: mian"), 7, "stop_lines[0].signal_group: 'mian' is not one of the signal_groups");
        rejects(FULL.replace("controller_id: ctrl-7", "controller: ctrl-7"),
                5, "signal_groups[1].controller: unknown field (known: name, source, light_region, controller_id, lock_seconds, flicker_tolerance_seconds, dark_timeout_seconds)");
        rejects(FULL.replace("[1150, 40, 40, 110]", "[1250, 40, 40, 110]"), 4, "signal_groups[0].light_region: must be at least 2x2 pixels and inside the 1280x720 frame");
        rejects(FULL.replace("exempt_lanes: [right]", "exempt_lanes: [left]"), 7, "stop_lines[0].exempt_lanes[0]: 'left' is not one of the lanes");
        rejects(FULL.replace("frame: {width: 1280, height: 720}\n", ""), 1, "frame: required");
        rejects(FULL.replace("[-4, 60]]", "[20, 0]]"), 14, "ground_plane: three of the road points lie on one line");
        rejects(FULL.replace("ground_plane:", "ground_plane_x:").replace("  image:", "  x:").replace("  road_metres:", "  y:"),
                14, "ground_plane_x: unknown field");
        rejects(FULL.replace("lane: {min_frames: 6}", "lane: {min_frames: 0}"), 19, "rules.lane.min_frames: must be >= 1");
    }

    @Test
    void aMisspeltKeyAnywhereIsRefusedWithItsLine() throws Exception {
        rejects(FULL.replace("wrong_way: {min_metres: 4}", "wrong_way: {min_meters: 4}"),
                20, "rules.wrong_way.min_meters: unknown field (known: min_metres, min_pixels)");
        rejects(FULL.replace("travel: {from:", "travel: {form:"), 9, "lanes[0].travel.form: unknown field (known: from, to)");
        rejects(FULL.replace("count_lines:", "count_line:"), 12, "count_line: unknown field (known: version, frame, signal_groups, "
                + "stop_lines, lanes, solid_lines, count_lines, restricted_zones, ground_plane, rules)");
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheirLine() throws Exception {
        rejects(FULL.replace("lock_seconds: 0.4", "lock_seconds: -1"), 4,
                "signal_groups[0].lock_seconds: -1.0 is negative: a number >= 0 is required");
        rejects(FULL.replace("limit_kmh: 50", "limit_kmh: 0"), 21, "rules.speeding.limit_kmh: must be > 0");
        rejects(FULL.replace("frame: {width: 1280", "frame: {width: 12.5"), 2, "frame.width: must be a whole number, got '12.5'");
    }

    @Test
    void theBundledSceneFilesLoadCleanly() throws Exception {
        Path scenes = Path.of(System.getProperty("matthan.root", "..")).resolve("config/scenes");
        try (var files = Files.list(scenes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertThat(SceneCalibration.load(f).countLines()).as(f.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void speedingNeedsAGroundPlane() throws Exception {
        String noGround = FULL.substring(0, FULL.indexOf("ground_plane:")) + FULL.substring(FULL.indexOf("rules:"));
        rejects(noGround, 18, "rules.speeding: needs a ground_plane calibration to measure speed");
    }

    @Test
    void restrictedZonesAreReadAndEachMistakeIsNamedWithItsLine() throws Exception {
        String ok = """
                version: z
                frame: {width: 640, height: 480}
                signal_groups:
                  - {name: main, source: controller, controller_id: c1}
                stop_lines:
                  - {name: stop, from: [600, 90], to: [400, 90], signal_group: main}
                restricted_zones:
                  - {name: kerb, kind: parking, polygon: [[400, 100], [600, 100], [600, 460]], allowed_seconds: 20, hours: ["06:00-09:00", "22:00-05:30"], stop_line: stop}
                """;
        Path f = dir.resolve("zones.yaml");
        Files.writeString(f, ok);
        RestrictedZone z = SceneCalibration.load(f).restrictedZones().get(0);
        assertThat(z.kind()).isEqualTo(RestrictedZone.Kind.PARKING);
        assertThat(z.allowedSeconds()).isEqualTo(20);
        assertThat(z.stopLine()).isEqualTo("stop");
        assertThat(z.dischargeSeconds()).isEqualTo(10);
        assertThat(z.hours()).hasSize(2);
        rejects(ok.replace("kind: parking", "kind: loading"), 8, "restricted_zones[0].kind: expected 'parking' or 'stopping', got 'loading'");
        rejects(ok.replace("allowed_seconds: 20, ", ""), 8, "restricted_zones[0].allowed_seconds: required");
        rejects(ok.replace("allowed_seconds: 20", "allowed_seconds: 0"), 8, "restricted_zones[0].allowed_seconds: must be > 0");
        rejects(ok.replace("\"06:00-09:00\"", "\"6h-9h\""), 8, "restricted_zones[0].hours[0]: expected \"HH:MM-HH:MM\" in local time, got '6h-9h'");
        rejects(ok.replace("06:00-09:00", "06:00-25:00"), 8, "restricted_zones[0].hours[0]: '06:00-25:00' is not a time of day");
        rejects(ok.replace("stop_line: stop}", "stop_line: stop-south}"), 8, "restricted_zones[0].stop_line: 'stop-south' is not one of the stop_lines [stop]");
        rejects(ok.replace("[600, 460]", "[700, 460]"), 8, "restricted_zones[0].polygon[2]: (700, 460) is outside the 640x480 frame");
        rejects(ok.replace("[[400, 100], [600, 100], [600, 460]]", "[[400, 100], [600, 100]]"), 8, "restricted_zones[0].polygon: at least 3 points");
    }

    private void rejects(String yaml, int line, String message) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        assertThatThrownBy(() -> SceneCalibration.load(f)).hasMessageStartingWith(f + ":" + line + ": " + message);
    }
}
