package vn.matthan.detection.signal;

import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.scene.SignalGroup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The phase of every signal group of one camera's scene: vision groups read their lamp region in each frame,
 * controller groups take the phase changes their controller pushes.
 */
public final class SignalBoard {
    private record Vision(LampColourClassifier lamp, DebouncedSignal signal) {
    }

    private final Map<String, SignalTimeline> timelines = new HashMap<>();
    private final Map<String, Vision> vision = new HashMap<>();
    private final Map<String, ControllerSignal> byController = new HashMap<>();

    public SignalBoard(SceneCalibration scene) {
        for (SignalGroup g : scene.signalGroups()) {
            if (g.source() == SignalGroup.Source.VISION) {
                Vision v = new Vision(new LampColourClassifier(g.lightRegion()),
                        new DebouncedSignal(g.lockSeconds(), g.flickerToleranceSeconds(), g.darkTimeoutSeconds()));
                vision.put(g.name(), v);
                timelines.put(g.name(), v.signal());
            } else {
                ControllerSignal c = byController.computeIfAbsent(g.controllerId(), k -> new ControllerSignal());
                timelines.put(g.name(), c);
            }
        }
    }

    public Map<String, SignalTimeline> timelines() {
        return Map.copyOf(timelines);
    }

    /** Reads the lamps of the vision groups in one frame (packed BGR24). */
    public void observe(long timeMicros, byte[] bgr, int width, int height) {
        for (Map.Entry<String, Vision> e : vision.entrySet()) {
            SignalPhase colour = e.getValue().lamp().classify(bgr, width, height);
            e.getValue().signal().observe(timeMicros, colour);
        }
    }

    /** A phase change from a signal controller; ignored when no group of this scene listens to it. */
    public boolean controllerChange(String controllerId, long timeMicros, SignalPhase phase) {
        ControllerSignal c = byController.get(controllerId);
        if (c == null) return false;
        c.change(timeMicros, phase);
        return true;
    }

    public List<String> controllerIds() {
        return List.copyOf(byController.keySet());
    }
}
