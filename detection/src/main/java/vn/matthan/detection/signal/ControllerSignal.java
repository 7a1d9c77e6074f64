package vn.matthan.detection.signal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Signal phase as pushed by the junction's signal controller: each change carries the controller's own
 * timestamp, so a frame is judged by the phase that held at the frame's time even when the message arrived
 * a little late. Thread-safe: changes arrive from a consumer thread while the camera thread reads.
 */
public final class ControllerSignal implements SignalTimeline {
    private static final int HISTORY = 256;
    private final TreeMap<Long, SignalPhase> changes = new TreeMap<>();

    public synchronized void change(long timeMicros, SignalPhase phase) {
        changes.put(timeMicros, phase);
        while (changes.size() > HISTORY) changes.pollFirstEntry();
    }

    @Override
    public synchronized SignalState at(long timeMicros) {
        Map.Entry<Long, SignalPhase> e = changes.floorEntry(timeMicros);
        return e == null || e.getValue() == SignalPhase.UNKNOWN ? SignalState.UNKNOWN : new SignalState(e.getValue(), e.getKey());
    }
}
