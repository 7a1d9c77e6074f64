package vn.matthan.ingest;

/** Events per second over the last {@code window} events (0 when fewer than two or when they stopped). */
final class RateMeter {
    private final long[] times;
    private int count;
    private int next;

    RateMeter(int window) {
        times = new long[window];
    }

    synchronized void mark() {
        times[next] = System.nanoTime();
        next = (next + 1) % times.length;
        if (count < times.length) count++;
    }

    synchronized double perSecond() {
        if (count < 2) return 0;
        long newest = times[(next - 1 + times.length) % times.length];
        long oldest = times[(next - count + times.length) % times.length];
        long now = System.nanoTime();
        double span = (newest - oldest) / 1e9;
        // A stopped stream must not keep showing its last rate.
        if (span <= 0 || (now - newest) / 1e9 > 2 * span / (count - 1) + 1) return 0;
        return (count - 1) / span;
    }
}
