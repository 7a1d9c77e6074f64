package vn.matthan.stream;

import java.io.Serializable;

/**
 * When a junction counts as congested in a minute: at least {@code minVehiclesInView} vehicles in view on average
 * while at most {@code maxPassagesPerMinute} pass its count lines, or (where speed is measured) they crawl at
 * {@code maxMeanSpeedKmh} or less. {@code raiseAfterMinutes} congested minutes in a row raise a congestion event;
 * {@code clearAfterMinutes} free-flowing minutes in a row clear it.
 */
public record CongestionRule(double minVehiclesInView, long maxPassagesPerMinute, double maxMeanSpeedKmh, int raiseAfterMinutes,
                             int clearAfterMinutes) implements Serializable {
    public static final CongestionRule DEFAULT = new CongestionRule(6, 3, 8, 3, 2);

    public CongestionRule {
        if (raiseAfterMinutes < 1 || clearAfterMinutes < 1) throw new IllegalArgumentException("raise/clear after must be at least one minute");
    }

    /** null: the minute cannot be judged (no report said how many vehicles were in view). */
    public Boolean congested(JunctionMinute m) {
        if (m.meanVehiclesInView == null) return null;
        if (m.meanVehiclesInView < minVehiclesInView) return false;
        return m.passages <= maxPassagesPerMinute || (m.meanSpeedKmh != null && m.meanSpeedKmh <= maxMeanSpeedKmh);
    }
}
