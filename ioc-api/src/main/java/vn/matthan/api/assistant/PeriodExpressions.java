package vn.matthan.api.assistant;

import vn.matthan.api.indicators.Period;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vietnamese time expressions in a folded question ({@link VietText#fold}): {@code tháng 10/2023}, {@code tháng mười
 * năm 2023}, {@code quý 3 năm 2023}, {@code quý III/2023}, {@code năm 2023}, {@code ngày 10/10/2023}, {@code 2023-10},
 * and relative to the day asked: {@code tháng trước}, {@code tháng này}, {@code quý trước}, {@code năm nay},
 * {@code năm ngoái}, {@code hôm nay}, {@code hôm qua}, {@code tuần này}, {@code tuần trước}, {@code 7 ngày qua}. Each
 * expression found is blanked out of the text so that what is left can be read for the rest of the question.
 */
final class PeriodExpressions {
    static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("mot", 1), Map.entry("hai", 2), Map.entry("ba", 3),
            Map.entry("bon", 4), Map.entry("tu", 4), Map.entry("nam", 5), Map.entry("sau", 6), Map.entry("bay", 7), Map.entry("tam", 8),
            Map.entry("chin", 9), Map.entry("muoi", 10), Map.entry("muoi mot", 11), Map.entry("muoi hai", 12), Map.entry("gieng", 1),
            Map.entry("chap", 12), Map.entry("i", 1), Map.entry("ii", 2), Map.entry("iii", 3), Map.entry("iv", 4));
    private static final String NUM = "(\\d{1,2}|muoi mot|muoi hai|muoi|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|gieng|chap|iii|ii|iv|i)";
    private static final String YEAR_SEP = "(?:\\s*[/-]\\s*|\\s+nam\\s+|\\s+)";

    /** A found expression: the period, and whether it was relative to the day asked. */
    record Found(AskedPeriod period, boolean relative) {
    }

    private record Rule(Pattern pattern, BiFunction<Matcher, LocalDate, AskedPeriod> read, boolean relative) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    private static void rule(String regex, boolean relative, BiFunction<Matcher, LocalDate, AskedPeriod> read) {
        // "trong tháng 10": the lead word belongs to the expression ("kỳ" does not: it may end "Sơn Kỳ")
        RULES.add(new Rule(Pattern.compile("(?<![a-z0-9])(?:trong\\s+)?" + regex + "(?![a-z0-9])"), read, relative));
    }

    static {
        rule("(?:ngay\\s+)?(\\d{1,2})\\s*[/-]\\s*(\\d{1,2})\\s*[/-]\\s*(\\d{4})", false,
                (m, today) -> AskedPeriod.of(LocalDate.of(int3(m), int2(m), int1(m)).toString()));
        rule("(\\d{4})-(\\d{2})-(\\d{2})", false, (m, today) -> AskedPeriod.of(m.group()));
        rule("(\\d{4})-q([1-4])", false, (m, today) -> AskedPeriod.of(m.group(1) + "-Q" + m.group(2)));
        rule("(\\d{4})-(\\d{2})", false, (m, today) -> AskedPeriod.of(m.group()));
        rule("thang\\s+" + NUM + YEAR_SEP + "(\\d{4})", false, (m, today) -> month(number(m.group(1)), int2(m)));
        rule("(\\d{1,2})\\s*/\\s*(\\d{4})", false, (m, today) -> month(int1(m), int2(m)));
        rule("quy\\s+" + NUM + YEAR_SEP + "(\\d{4})", false, (m, today) -> quarter(number(m.group(1)), int2(m)));
        rule("(?:nam\\s+)?(\\d{4})", false, (m, today) -> AskedPeriod.of(m.group(1)));
        rule("(?:thang|ky)\\s+(?:truoc|vua qua|roi)", true, (m, today) -> AskedPeriod.of(YearMonth.from(today).minusMonths(1).toString()));
        rule("thang\\s+(?:nay|hien tai)", true, (m, today) -> AskedPeriod.of(YearMonth.from(today).toString()));
        rule("quy\\s+(?:truoc|vua qua|roi)", true, (m, today) -> quarterOf(today.minusMonths(3)));
        rule("quy\\s+(?:nay|hien tai)", true, (m, today) -> quarterOf(today));
        rule("nam\\s+(?:truoc|ngoai|qua|roi)", true, (m, today) -> AskedPeriod.of(String.valueOf(today.getYear() - 1)));
        rule("nam\\s+nay", true, (m, today) -> AskedPeriod.of(String.valueOf(today.getYear())));
        rule("hom\\s+nay|ngay\\s+hom\\s+nay", true, (m, today) -> AskedPeriod.of(today.toString()));
        rule("hom\\s+qua|ngay\\s+hom\\s+qua", true, (m, today) -> AskedPeriod.of(today.minusDays(1).toString()));
        rule("hom\\s+kia", true, (m, today) -> AskedPeriod.of(today.minusDays(2).toString()));
        rule("tuan\\s+(?:nay|hien tai)", true, (m, today) -> {
            LocalDate monday = today.with(DayOfWeek.MONDAY);
            return AskedPeriod.range(monday, today.plusDays(1));
        });
        rule("tuan\\s+(?:truoc|vua qua|roi)", true, (m, today) -> {
            LocalDate monday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
            return AskedPeriod.range(monday, monday.plusWeeks(1));
        });
        rule("(\\d{1,3})\\s+ngay\\s+(?:qua|vua qua|gan day|gan nhat)", true,
                (m, today) -> AskedPeriod.range(today.minusDays(int1(m) - 1), today.plusDays(1)));
        // a month or quarter without a year: the latest one that has begun
        rule("thang\\s+" + NUM, true, (m, today) -> {
            int month = number(m.group(1));
            YearMonth ym = YearMonth.of(today.getYear(), month);
            return month(month, ym.isAfter(YearMonth.from(today)) ? today.getYear() - 1 : today.getYear());
        });
        rule("quy\\s+" + NUM, true, (m, today) -> {
            int q = number(m.group(1));
            int year = (q - 1) * 3 + 1 > today.getMonthValue() ? today.getYear() - 1 : today.getYear();
            return quarter(q, year);
        });
    }

    private PeriodExpressions() {
    }

    /**
     * Every time expression in {@code text} (folded), blanked out of it in place, in the order found.
     *
     * @throws IllegalArgumentException for a date that does not exist (tháng 13/2023, 31/02/2023)
     */
    static List<Found> extract(StringBuilder text, LocalDate today) {
        List<Found> out = new ArrayList<>();
        for (Rule r : RULES) {
            Matcher m = r.pattern.matcher(text);
            while (m.find()) {
                AskedPeriod p;
                try {
                    p = r.read.apply(m, today);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("'" + m.group() + "' is not a date of the calendar");
                }
                out.add(new Found(p, r.relative));
                for (int i = m.start(); i < m.end(); i++) text.setCharAt(i, ' ');
                m = r.pattern.matcher(text);
            }
        }
        return out;
    }

    static int number(String s) {
        Integer w = NUMBER_WORDS.get(s);
        return w != null ? w : Integer.parseInt(s);
    }

    private static AskedPeriod month(int month, int year) {
        if (month < 1 || month > 12) throw new IllegalArgumentException("month " + month);
        return AskedPeriod.of(YearMonth.of(year, month).toString());
    }

    private static AskedPeriod quarter(int q, int year) {
        if (q < 1 || q > 4) throw new IllegalArgumentException("quarter " + q);
        return AskedPeriod.of(year + "-Q" + q);
    }

    private static AskedPeriod quarterOf(LocalDate day) {
        return quarter((day.getMonthValue() - 1) / 3 + 1, day.getYear());
    }

    private static int int1(Matcher m) {
        return Integer.parseInt(m.group(1));
    }

    private static int int2(Matcher m) {
        return Integer.parseInt(m.group(2));
    }

    private static int int3(Matcher m) {
        return Integer.parseInt(m.group(3));
    }

    static boolean isPeriod(String text) {
        try {
            Period.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
