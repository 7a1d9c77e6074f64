package vn.matthan.detection.signal;

import java.util.EnumMap;
import java.util.Map;

/**
 * Signal phase from a stream of per-frame lamp colours. A colour is believed ("locked") only after it has been
 * seen for {@code lockSeconds} without a break longer than {@code flickerToleranceSeconds}; its onset is the
 * first sighting of that run, so time-into-red counts from when red really appeared. A locked phase ends as
 * soon as it has not been seen for longer than the flicker tolerance (never a stale red over a green),
 * and a dark lamp for longer than {@code darkTimeoutSeconds} makes the phase UNKNOWN.
 */
public final class DebouncedSignal implements SignalTimeline {
    private final long lockMicros, toleranceMicros, darkMicros;
    private final Map<SignalPhase, Long> runStart = new EnumMap<>(SignalPhase.class);
    private final Map<SignalPhase, Long> lastSeen = new EnumMap<>(SignalPhase.class);
    private SignalPhase locked = SignalPhase.UNKNOWN;
    private long lockedOnset = Long.MIN_VALUE;
    private long lastLit = Long.MIN_VALUE;

    public DebouncedSignal(double lockSeconds, double flickerToleranceSeconds, double darkTimeoutSeconds) {
        this.lockMicros = (long) (lockSeconds * 1e6);
        this.toleranceMicros = (long) (flickerToleranceSeconds * 1e6);
        this.darkMicros = (long) (darkTimeoutSeconds * 1e6);
    }

    /** One frame's lamp colour (UNKNOWN when nothing is lit), in time order. */
    public void observe(long timeMicros, SignalPhase colour) {
        if (colour != SignalPhase.UNKNOWN) {
            lastLit = timeMicros;
            Long seen = lastSeen.get(colour);
            if (seen == null || timeMicros - seen > toleranceMicros) runStart.put(colour, timeMicros);
            lastSeen.put(colour, timeMicros);
            long start = runStart.get(colour);
            if (colour != locked && timeMicros - start >= lockMicros && isCurrentRun(colour, start)) {
                locked = colour;
                lockedOnset = start;
            }
        }
        if (locked != SignalPhase.UNKNOWN && timeMicros - lastSeen.get(locked) > toleranceMicros) {
            locked = SignalPhase.UNKNOWN;
            lockedOnset = timeMicros;
        }
        if (lastLit != Long.MIN_VALUE && timeMicros - lastLit > darkMicros) {
            locked = SignalPhase.UNKNOWN;
        }
    }

    /** No other colour has been seen since this run began (a one-frame glitch of another colour is tolerated). */
    private boolean isCurrentRun(SignalPhase colour, long start) {
        for (Map.Entry<SignalPhase, Long> e : lastSeen.entrySet()) {
            if (e.getKey() == colour) continue;
            Long otherStart = runStart.get(e.getKey());
            boolean otherStable = e.getValue() - otherStart >= toleranceMicros;
            if (e.getValue() > start && otherStable) return false;
        }
        return true;
    }

    /** The believed phase after the observations so far (vision knows only the present, not history). */
    @Override
    public SignalState at(long timeMicros) {
        return locked == SignalPhase.UNKNOWN ? SignalState.UNKNOWN : new SignalState(locked, lockedOnset);
    }
}
