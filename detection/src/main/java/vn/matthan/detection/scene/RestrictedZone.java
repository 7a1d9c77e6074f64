package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.geometry.Polygon;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A stretch of road where vehicles may not park or stop (a no-parking or no-stopping sign), as surveyed: its area,
 * how long a vehicle may stand still in it, and the hours of the day the sign applies.
 *
 * @param allowedSeconds   standing still longer than this is a violation
 * @param hours            local (Vietnam) hours during which the zone applies; empty: all day
 * @param stopLine         a stop line whose queue reaches into the zone, or null: while that line's signal is not
 *                         green (and for {@code dischargeSeconds} after it turns green) no vehicle's clock runs here
 * @param dischargeSeconds time a queue needs to move off once the light turns green
 */
public record RestrictedZone(String name, Kind kind, Polygon area, double allowedSeconds, List<Hours> hours,
                             String stopLine, double dischargeSeconds) {

    /** What the sign forbids: parking (cấm đỗ xe) or stopping and parking (cấm dừng xe và đỗ xe). */
    public enum Kind { PARKING, STOPPING }

    /** Hours of the day, {@code from} inclusive to {@code to} exclusive; {@code to <= from} wraps past midnight. */
    public record Hours(LocalTime from, LocalTime to) {
        boolean contains(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }

    public static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");

    public RestrictedZone {
        hours = List.copyOf(hours);
    }

    public boolean contains(Point anchor) {
        return area.contains(anchor);
    }

    /** Whether the sign applies at this moment (epoch microseconds). */
    public boolean inForceAt(long timeMicros) {
        if (hours.isEmpty()) return true;
        LocalTime t = Instant.EPOCH.plusNanos(timeMicros * 1000).atZone(LOCAL).toLocalTime();
        for (Hours h : hours) if (h.contains(t)) return true;
        return false;
    }
}
