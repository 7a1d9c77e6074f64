package vn.matthan.detection.signal;

/** Where rules ask for a signal group's phase at a frame's time. */
public interface SignalTimeline {
    SignalState at(long timeMicros);
}
