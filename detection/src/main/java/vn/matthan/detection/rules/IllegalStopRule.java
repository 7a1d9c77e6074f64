package vn.matthan.detection.rules;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.scene.RestrictedZone;
import vn.matthan.detection.signal.SignalPhase;
import vn.matthan.detection.signal.SignalState;
import vn.matthan.detection.signal.SignalTimeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PARKING / STOPPING: a vehicle stands still in a no-parking or no-stopping zone longer than the zone allows.
 * <p>
 * Standing still: the ground anchor stays within a radius of the spot where the vehicle stopped, the radius being
 * {@value #STILL_FRACTION} of its box width (at least {@value #MIN_RADIUS_PX} px), so it scales with the vehicle's
 * size in the picture and tolerates box jitter. The spot is fixed for the whole stay rather than compared over a
 * sliding window: a vehicle crawling through a jam, however slowly, leaves the radius after a few seconds and starts
 * again from zero, while a window test would let a slow enough crawl accumulate time.
 * <p>
 * The clock runs only while the zone is in force (its hours) and, for a zone a stop line's queue reaches into, only
 * while that line's signal is green and the queue has had the discharge time to move off: a vehicle waiting at a
 * red light never accumulates time, a vehicle left there does over the green phases. The clock is measured on
 * frame times, so frames in which the detector missed the vehicle (a lost track that comes back) count; and when the
 * tracker gave up on the vehicle and a new track appears on the same spot within {@value #REACQUIRE_SECONDS} s,
 * the new track takes over the stay, its clock and whether it was already reported.
 * One violation per stay; evidence moments: the stop, the limit (the violation's time), the package's cut.
 */
final class IllegalStopRule implements TrackRule {
    static final double STILL_FRACTION = 0.4;
    static final double MIN_RADIUS_PX = 4;
    static final double REACQUIRE_SECONDS = 10;
    private static final long REACQUIRE_MICROS = (long) (REACQUIRE_SECONDS * 1e6);
    /** A stay shorter than this is a vehicle passing, not worth carrying over to a new track. */
    private static final long CARRY_MIN_MICROS = 1_000_000;

    private static final class Stay {
        Point spot;
        double radius;
        long sinceMicros, lastMicros, countedMicros;
        boolean reported;
    }

    private final RestrictedZone zone;
    private final SignalTimeline queueSignal;
    private final ViolationType type;
    private final long allowedMicros;
    private final Map<Long, Stay> stays = new HashMap<>();
    private final List<Stay> vanished = new ArrayList<>();

    /** @param queueSignal the signal of the zone's stop line, null when it has none */
    IllegalStopRule(RestrictedZone zone, SignalTimeline queueSignal) {
        this.zone = zone;
        this.queueSignal = queueSignal;
        this.type = zone.kind() == RestrictedZone.Kind.PARKING ? ViolationType.PARKING : ViolationType.STOPPING;
        this.allowedMicros = Math.round(zone.allowedSeconds() * 1e6);
    }

    @Override
    public Optional<Violation> check(VehicleMotion v) {
        long now = v.timeMicros();
        Point at = v.anchor();
        if (!zone.contains(at)) {
            stays.remove(v.trackId());
            return Optional.empty();
        }
        Stay s = stays.get(v.trackId());
        if (s == null) s = reacquire(at, now);
        if (s == null || at.distance(s.spot) > s.radius) {
            boolean reported = s != null && s.reported; // moved up a little after being reported: the same stay
            s = start(at, v.box().width(), now);
            s.reported = reported;
        } else if (clockRuns(now)) {
            s.countedMicros += now - s.lastMicros;
        }
        s.lastMicros = now;
        stays.put(v.trackId(), s);
        if (s.reported || s.countedMicros < allowedMicros) return Optional.empty();
        s.reported = true;
        return Optional.of(new Violation(type, type.code() + ":" + zone.name(), "stood_beyond_limit", v.trackId(),
                v.trafficClass(), now, v.box(), zone.name(), null, null, null, false, s.sinceMicros));
    }

    private static Stay start(Point at, double boxWidth, long now) {
        Stay s = new Stay();
        s.spot = at;
        s.radius = Math.max(MIN_RADIUS_PX, STILL_FRACTION * boxWidth);
        s.sinceMicros = now;
        return s;
    }

    /** A stay whose track the tracker dropped a moment ago, on this very spot: the same vehicle seen again. */
    private Stay reacquire(Point at, long now) {
        Stay found = null;
        for (Iterator<Stay> it = vanished.iterator(); it.hasNext(); ) {
            Stay s = it.next();
            if (now - s.lastMicros > REACQUIRE_MICROS) it.remove();
            else if (found == null && at.distance(s.spot) <= s.radius) {
                found = s;
                it.remove();
            }
        }
        return found;
    }

    private boolean clockRuns(long now) {
        if (!zone.inForceAt(now)) return false;
        if (queueSignal == null) return true;
        SignalState s = queueSignal.at(now);
        return s.phase() == SignalPhase.GREEN && s.secondsInto(now) >= zone.dischargeSeconds();
    }

    @Override
    public void forget(long trackId) {
        Stay s = stays.remove(trackId);
        if (s != null && s.lastMicros - s.sinceMicros >= CARRY_MIN_MICROS) vanished.add(s);
    }
}
