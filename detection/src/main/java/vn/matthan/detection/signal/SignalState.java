package vn.matthan.detection.signal;

/**
 * The believed phase of a signal group at one moment.
 *
 * @param onsetMicros when this phase began (first sighting of the stable run, or the controller's change time)
 */
public record SignalState(SignalPhase phase, long onsetMicros) {

    public static final SignalState UNKNOWN = new SignalState(SignalPhase.UNKNOWN, Long.MIN_VALUE);

    public boolean isRed() {
        return phase == SignalPhase.RED;
    }

    public double secondsInto(long timeMicros) {
        return (timeMicros - onsetMicros) / 1e6;
    }
}
