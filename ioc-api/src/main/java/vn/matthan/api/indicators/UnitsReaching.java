package vn.matthan.api.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * How many units of a tier under a unit reach an indicator's target, counted from their scores: the measure of a goal
 * "N units (or x %) of the communes reach the target". A unit without a value does not reach it and is counted as
 * such (a missing report is not a success); with no value at all the goal has no data.
 *
 * @param goal      the catalog goal counted, or null for the plain count of an indicator with a target at that tier
 * @param units     every unit of the tier under the scope; {@code withData} those with a value; {@code reached} those
 *                  whose value reaches the tier's target
 * @param status    against the goal's required count or share; {@link Status#NO_TARGET} while the goal names none
 */
public record UnitsReaching(Goal goal, Indicator indicator, Level level, Thresholds thresholds, int units, int withData, int reached,
                            List<String> reachedCodes, Status status) {

    /**
     * @return null when the indicator has no target at that tier (nothing can be reached)
     */
    public static UnitsReaching count(Scoreboard board, AdminUnits all, String scope, Level level, Goal goal) {
        Indicator ind = board.indicator();
        Thresholds t = ind.thresholdsAt(level);
        if (t == null) return null;
        int units = 0, withData = 0;
        List<String> reached = new ArrayList<>();
        for (AdminUnit u : all.at(level, scope)) {
            units++;
            Double v = board.of(u.code()).value();
            if (v == null) continue;
            withData++;
            if (t.reaches(v, ind.higherIsBetter())) reached.add(u.code());
        }
        Status status;
        if (withData == 0) status = Status.NO_DATA;
        else if (goal == null || goal.requiredCount() == null && goal.requiredShare() == null) status = Status.NO_TARGET;
        else if (goal.requiredCount() != null) status = reached.size() >= goal.requiredCount() ? Status.GREEN : Status.RED;
        else status = units > 0 && reached.size() * 100.0 / units >= goal.requiredShare() ? Status.GREEN : Status.RED;
        return new UnitsReaching(goal, ind, level, t, units, withData, reached.size(), List.copyOf(reached), status);
    }

    /** The share of the tier's units that reach the target, in percent (0 without units). */
    public double share() {
        return units == 0 ? 0 : reached * 100.0 / units;
    }
}
