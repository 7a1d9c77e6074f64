package vn.matthan.ingest;

/**
 * Picks the frames handed to analysis: one per {@code 1/fps} of stream time, on a steady grid that resumes from
 * the current frame after a jump in timestamps (reconnect, loop). Not thread-safe: one per stream.
 */
final class FrameSampler {
    private final long everyMicros;
    private long next = Long.MIN_VALUE;

    /** @param fps frames per second of stream time; 0 or less takes every frame */
    FrameSampler(double fps) {
        this.everyMicros = fps <= 0 ? 0 : Math.round(1_000_000 / fps);
    }

    boolean take(long ptsMicros) {
        if (next != Long.MIN_VALUE && ptsMicros < next) return false;
        next = (next == Long.MIN_VALUE ? ptsMicros : next) + everyMicros;
        if (next < ptsMicros) next = ptsMicros + everyMicros;
        return true;
    }
}
