package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.signal.SignalState;

/**
 * One rule finding for one vehicle, with what an officer needs to understand it.
 *
 * @param rule            which rule instance fired (e.g. {@code red_light:stop-north}); one finding per track and rule
 * @param detail          the specific reason (e.g. {@code class_not_allowed}, {@code solid_line_crossed})
 * @param place           the lane, stop line or solid line involved
 * @param signal          the signal state at the time (red-light findings), else null
 * @param timeIntoRedSeconds seconds since red began when the vehicle was wholly past the stop line, else null
 * @param speedKmh        measured speed (speeding), else null
 * @param indicative      a measurement the officer must confirm by other means (speed from a ground-plane estimate)
 * @param beforeMicros    a moment that shows the vehicle before the offence (evidence still 1)
 */
public record Violation(ViolationType type, String rule, String detail, long trackId, TrafficClass vehicleClass,
                        long timeMicros, Box box, String place, SignalState signal, Double timeIntoRedSeconds,
                        Double speedKmh, boolean indicative, long beforeMicros) {

    /** The same finding with a measured speed, flagged indicative. */
    Violation withIndicativeSpeed(double kmh) {
        return new Violation(type, rule, detail, trackId, vehicleClass, timeMicros, box, place, signal, timeIntoRedSeconds,
                kmh, true, beforeMicros);
    }

    static Violation of(ViolationType type, String rule, String detail, VehicleMotion v, String place) {
        return new Violation(type, rule, detail, v.trackId(), v.trafficClass(), v.timeMicros(), v.box(), place,
                null, null, null, false, v.timeMicros() - 1_000_000);
    }
}
