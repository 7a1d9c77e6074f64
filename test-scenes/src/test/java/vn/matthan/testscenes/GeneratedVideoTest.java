package vn.matthan.testscenes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.signal.LampColourClassifier;
import vn.matthan.detection.signal.SignalPhase;
import vn.matthan.ingest.VideoFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered video is what the ground truth says: decoded with the ingest decoder, its signal head reads right. */
class GeneratedVideoTest {
    @TempDir
    Path dir;

    @Test
    void theRenderedSceneDecodesFrameForFrameAndItsSignalHeadShowsTheTruePhase() throws Exception {
        GeneratedScene scene = GeneratedScene.write(dir, 21, 40, "vision");
        GroundTruth truth = scene.truth();
        assertThat(GeneratedScene.readTruth(scene.truthJson())).isEqualTo(truth);
        SceneCalibration calibration = SceneCalibration.load(scene.calibration());
        LampColourClassifier lamp = new LampColourClassifier(calibration.signalGroups().get(0).lightRegion());
        List<SignalPhase> seen = new ArrayList<>();
        long frames = VideoFile.forEachFrame("synthetic", scene.video(), f -> {
            assertThat(f.width()).isEqualTo(JunctionLayout.WIDTH);
            seen.add(lamp.classify(f.bgr(), f.width(), f.height()));
        });
        assertThat(frames).isEqualTo(truth.frames().size());
        int agree = 0, lit = 0;
        for (GroundTruth.Frame f : truth.frames()) {
            if (f.lampFlicker()) {
                assertThat(seen.get(f.index())).as("frame %d flickers dark", f.index()).isEqualTo(SignalPhase.UNKNOWN);
                continue;
            }
            lit++;
            if (seen.get(f.index()) == truth.phaseAt(f.timeMicros()).phase()) agree++;
        }
        assertThat(agree).as("lamp colour read from the decoded video").isEqualTo(lit);
        assertThat(truth.vehicles()).extracting(GroundTruth.Vehicle::vehicleClass).contains(TrafficClass.CAR, TrafficClass.MOTORBIKE);
        assertThat(truth.vehicles()).allSatisfy(v -> assertThat(v.plate()).matches("\\d{2}[A-Z]-\\d{3}\\.\\d{2}|\\d{2}[A-Z]-\\d{4}|\\d{2}-[A-Z]\\d \\d{3}\\.\\d{2}"));
    }
}
