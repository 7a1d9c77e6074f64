package vn.matthan.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client key (e.g. IP address): {@code perMinute} requests a minute with bursts up to the same
 * number. Idle buckets are dropped so the map stays small.
 */
final class RateLimiter {
    private record Bucket(double tokens, long atNanos) {
    }

    private final double perMinute;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perMinute) {
        this.perMinute = perMinute;
    }

    boolean allow(String key) {
        long now = System.nanoTime();
        boolean[] ok = new boolean[1];
        buckets.compute(key, (k, b) -> {
            double tokens = b == null ? perMinute : Math.min(perMinute, b.tokens() + (now - b.atNanos()) / 60e9 * perMinute);
            ok[0] = tokens >= 1;
            return new Bucket(ok[0] ? tokens - 1 : tokens, now);
        });
        if (buckets.size() > 10_000) buckets.entrySet().removeIf(e -> now - e.getValue().atNanos() > 120e9);
        return ok[0];
    }
}
