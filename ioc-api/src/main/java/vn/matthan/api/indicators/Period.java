package vn.matthan.api.indicators;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a year ({@code 2023}), a quarter ({@code 2023-Q4}), a month ({@code 2023-10}) or a day
 * ({@code 2023-10-10}); half-open {@code [start, end)} in local dates.
 */
public record Period(String text, LocalDate start, LocalDate end) {
    /** The two-tier layout (province → commune) is in force from this day (Nghị quyết 202/2025/QH15). */
    public static final LocalDate TWO_TIER_SINCE = LocalDate.of(2025, 7, 1);
    public static final String PRE_2025 = "pre2025", POST_2025 = "post2025";

    private static final Pattern YEAR = Pattern.compile("(\\d{4})"), QUARTER = Pattern.compile("(\\d{4})-Q([1-4])"),
            MONTH = Pattern.compile("\\d{4}-\\d{2}"), DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static Period parse(String s) {
        if (s == null) throw new IllegalArgumentException("period is missing (2023, 2023-Q4, 2023-10 or 2023-10-10)");
        String t = s.trim();
        try {
            Matcher m;
            if ((m = YEAR.matcher(t)).matches()) {
                LocalDate a = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
                return new Period(t, a, a.plusYears(1));
            }
            if ((m = QUARTER.matcher(t)).matches()) {
                LocalDate a = LocalDate.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1);
                return new Period(t, a, a.plusMonths(3));
            }
            if (MONTH.matcher(t).matches()) {
                LocalDate a = YearMonth.parse(t).atDay(1);
                return new Period(t, a, a.plusMonths(1));
            }
            if (DAY.matcher(t).matches()) {
                LocalDate a = LocalDate.parse(t);
                return new Period(t, a, a.plusDays(1));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("period '" + s + "' is not a real date");
        }
        throw new IllegalArgumentException("period '" + s + "' is not 2023, 2023-Q4, 2023-10 or 2023-10-10");
    }

    /** The administrative layout in force when the period began. */
    public String layoutInForce() {
        return layoutInForceOn(start);
    }

    public static String layoutInForceOn(LocalDate day) {
        return day.isBefore(TWO_TIER_SINCE) ? PRE_2025 : POST_2025;
    }

    /** The period of the same kind just before this one (2023-10 → 2023-09, 2023-Q1 → 2022-Q4). */
    public Period previous() {
        if (YEAR.matcher(text).matches()) return parse(String.valueOf(start.getYear() - 1));
        if (QUARTER.matcher(text).matches()) {
            LocalDate a = start.minusMonths(3);
            return parse(a.getYear() + "-Q" + ((a.getMonthValue() - 1) / 3 + 1));
        }
        if (MONTH.matcher(text).matches()) return parse(YearMonth.from(start.minusMonths(1)).toString());
        return parse(start.minusDays(1).toString());
    }

    public long days() {
        return end.toEpochDay() - start.toEpochDay();
    }
}
