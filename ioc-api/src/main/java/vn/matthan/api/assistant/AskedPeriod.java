package vn.matthan.api.assistant;

import vn.matthan.api.indicators.Period;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The time a question asks about: Vietnamese days {@code [from, to)}; {@code period} is the reporting period it is
 * (a day, month, quarter or year), null for a range that is none of them (a week, the last 7 days) — indicators are
 * reported per period only, traffic figures for any range.
 */
public record AskedPeriod(LocalDate from, LocalDate to, Period period) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    public static AskedPeriod of(Period p) {
        return new AskedPeriod(p.start(), p.end(), p);
    }

    public static AskedPeriod of(String periodText) {
        return of(Period.parse(periodText));
    }

    public static AskedPeriod range(LocalDate from, LocalDate toExclusive) {
        return new AskedPeriod(from, toExclusive, null);
    }

    /** What answers and results call it: the period's text, or {@code 2023-11-13..2023-11-19} (inclusive days). */
    public String key() {
        return period != null ? period.text() : from + ".." + to.minusDays(1);
    }

    /** In Vietnamese: {@code tháng 10/2023}, {@code quý 4/2023}, {@code năm 2023}, {@code ngày 10/10/2023}. */
    public String vi() {
        if (period == null) return "từ " + DAY.format(from) + " đến " + DAY.format(to.minusDays(1));
        String t = period.text();
        if (t.length() == 4) return "năm " + t;
        if (t.contains("Q")) return "quý " + t.substring(6) + "/" + t.substring(0, 4);
        if (t.length() == 7) return "tháng " + Integer.parseInt(t.substring(5)) + "/" + t.substring(0, 4);
        return "ngày " + DAY.format(from);
    }

    public String en() {
        if (period == null) return from + " to " + to.minusDays(1);
        return period.text();
    }

    /** The period of the same kind before (the month before a month); for a range, the range of the same length before it. */
    public AskedPeriod previous() {
        if (period != null) return of(period.previous());
        long days = to.toEpochDay() - from.toEpochDay();
        return range(from.minusDays(days), from);
    }

    /** The same period a year earlier. */
    public AskedPeriod yearBefore() {
        if (period == null) return range(from.minusYears(1), to.minusYears(1));
        String t = period.text();
        int year = Integer.parseInt(t.substring(0, 4)) - 1;
        return of(year + t.substring(4));
    }
}
