package vn.matthan.api.assistant;

import vn.matthan.api.indicators.AdminUnit;
import vn.matthan.api.indicators.Indicator;
import vn.matthan.api.indicators.Level;

import java.util.List;

/**
 * A question as understood: what is asked ({@link Intent}), about which indicator or traffic figure, units, period.
 * When {@code problem} is set the question was not understood and nothing may be answered with a number; {@code
 * suggestions} then hold close questions that would be.
 */
record Question(Intent intent, Indicator indicator, Traffic traffic, List<AdminUnit> units, AskedPeriod period,
                boolean periodGiven, Level level, Order order, int top, Goal goal, Against against,
                String problem, List<String> suggestions) {

    enum Intent { VALUE, RANKING, TREND, COMPARE, COUNT, TRAFFIC }

    /** Ranking order: by value (cao/thấp nhất) or by the indicator's direction (tốt/kém nhất). */
    enum Order { HIGHEST, LOWEST, BEST, WORST }

    /** What "đạt" means in a count: the map's status, or the target itself ("đạt mục tiêu"). */
    enum Goal { GREEN, AMBER, RED, MEETS_TARGET, MISSES_TARGET }

    /** A trend compares with the period before, or with the same period a year earlier. */
    enum Against { PREVIOUS, YEAR_BEFORE }

    /** A traffic figure from the stream job's tables; {@code types} empty = every violation type. */
    record Traffic(String what, List<String> types) {
    }

    static Question notUnderstood(String problem, List<String> suggestions) {
        return new Question(null, null, null, List.of(), null, false, null, null, 0, null, null, problem, suggestions);
    }

    boolean understood() {
        return problem == null;
    }
}
