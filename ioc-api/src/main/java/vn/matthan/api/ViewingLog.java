package vn.matthan.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which views of a live camera frame go to the audit log: the first view of a camera by a user, then one per
 * {@code period} while they keep watching. A wall refreshes each frame every few seconds; auditing each refresh would
 * add thousands of entries an hour without telling more about who watched what, and when.
 */
final class ViewingLog {
    private final long periodMillis;
    private final Map<String, Long> lastAudited = new ConcurrentHashMap<>();

    ViewingLog(Duration period) {
        this.periodMillis = period.toMillis();
    }

    /** True when this view is to be audited (and counts as the audited one from now on). */
    boolean audit(String user, String camera, long nowMillis) {
        String key = user + '\n' + camera;
        boolean[] due = {false};
        lastAudited.compute(key, (k, last) -> {
            if (last == null || nowMillis - last >= periodMillis) {
                due[0] = true;
                return nowMillis;
            }
            return last;
        });
        if (lastAudited.size() > 100_000) lastAudited.values().removeIf(t -> nowMillis - t >= periodMillis);
        return due[0];
    }
}
