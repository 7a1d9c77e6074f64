package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.tracking.Track;
import vn.matthan.detection.tracking.VehicleTracker;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.signal.SignalTimeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Drives a scene frame by frame at 10 fps: detections → tracker → analyser, collecting what it finds. */
final class SceneRun {
    static final long FRAME_MICROS = 100_000;

    final VehicleTracker tracker = new VehicleTracker();
    final SceneAnalyser analyser;
    final List<SceneAnalyser.Passage> passages = new ArrayList<>();
    final List<Violation> violations = new ArrayList<>();
    long timeMicros = 1_700_000_000_000_000L;

    SceneRun(SceneCalibration scene, Map<String, ? extends SignalTimeline> signals) {
        analyser = new SceneAnalyser(scene, signals);
    }

    SceneRun(SceneCalibration scene) {
        this(scene, Map.of());
    }

    SceneAnalyser.Findings frame(Detection... detections) {
        timeMicros += FRAME_MICROS;
        List<Track> confirmed = tracker.update(List.of(detections));
        Set<Long> live = new HashSet<>();
        for (Track t : tracker.tracks()) live.add(t.id());
        SceneAnalyser.Findings f = analyser.analyse(timeMicros, confirmed, live);
        passages.addAll(f.passages());
        violations.addAll(f.violations());
        return f;
    }

    /** A w×h box of class c whose bottom centre (ground anchor) is at (x, y). */
    static Detection at(TrafficClass c, double x, double y, double w, double h) {
        return new Detection(new Box(x - w / 2, y - h, x + w / 2, y), c, 0.9);
    }

    static Detection car(double x, double y) {
        return at(TrafficClass.CAR, x, y, 40, 30);
    }

    static SceneCalibration scene(Path dir, String yaml) {
        try {
            Path f = Files.createTempFile(dir, "scene", ".yaml");
            Files.writeString(f, yaml);
            return SceneCalibration.load(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
