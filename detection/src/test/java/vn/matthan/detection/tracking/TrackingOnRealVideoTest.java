package vn.matthan.detection.tracking;

import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.YoloxDetector;
import org.junit.jupiter.api.Test;
import vn.matthan.ingest.VideoFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingOnRealVideoTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));

    @Test
    void eachCarOfTheHighwayClipKeepsOneIdForTheWholeClip() throws Exception {
        List<Set<Long>> idsPerFrame = new ArrayList<>();
        try (YoloxDetector detector = new YoloxDetector(ASSETS.resolve("models/yolox_nano.onnx"), 416, 0.3, 0.45, 2)) {
            VehicleTracker tracker = new VehicleTracker();
            long frames = VideoFile.forEachFrame("t", ASSETS.resolve("videos/udacity_vehicle-detection_test_video.mp4"), f -> {
                List<Detection> vehicles = detector.detect(f).stream().filter(d -> d.trafficClass().isVehicle()).toList();
                idsPerFrame.add(tracker.update(vehicles).stream().map(Track::id).collect(Collectors.toCollection(TreeSet::new)));
            });
            assertThat(frames).isEqualTo(38);
        }
        Set<Long> all = idsPerFrame.stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(all).as("two cars, two ids, no switch or ghost").hasSize(2);
        // Confirmed on the third frame, then held on every frame to the end.
        assertThat(idsPerFrame.subList(2, idsPerFrame.size())).allSatisfy(ids -> assertThat(ids).isEqualTo(all));
    }
}
