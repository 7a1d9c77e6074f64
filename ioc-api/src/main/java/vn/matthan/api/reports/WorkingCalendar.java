package vn.matthan.api.reports;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Vietnamese working days for public administration ({@code config/holidays.yaml}, versioned): Monday to Friday except
 * the public holidays, compensatory days off and swapped days of each year the file lists, plus the weekend days worked
 * in exchange. Loading checks that each year's lunar new year (Tết) and Hùng Kings day are the lunar dates they claim
 * (ICU4J's Chinese calendar, which the Vietnamese calendar follows when evaluated at UTC+7) and that Tết falls in the
 * year's days off, so a mistyped date is refused instead of silently moving every deadline.
 */
public final class WorkingCalendar {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The file as written. */
    public static final class File {
        @NotBlank(message = "required")
        public String version;
        @NotNull(message = "required")
        @Size(min = 1, message = "must list at least one year")
        public List<Year> years;
    }

    public static final class Year {
        @NotNull(message = "required")
        public Integer year;
        /** announced (the government's notice for the year) or provisional (the Labour Code's rule, notice pending). */
        @NotNull(message = "required: announced or provisional")
        @Pattern(regexp = "announced|provisional", message = "'${validatedValue}' must be announced or provisional")
        public String status;
        @NotBlank(message = "required: where this year's dates come from")
        public String source;
        @NotBlank(message = "required (YYYY-MM-DD)")
        public String lunarNewYear;
        @NotBlank(message = "required (YYYY-MM-DD)")
        public String hungKings;
        /** Weekdays without work: a date, or a range {@code 2026-02-16..2026-02-20}. */
        @NotNull(message = "required")
        public List<String> daysOff;
        /** Weekend days worked in exchange for a swapped weekday off. */
        public List<String> workingWeekends = List.of();
    }

    private final String version;
    private final Set<LocalDate> off;
    private final Set<LocalDate> worked;
    private final TreeMap<Integer, String> statusByYear;

    private WorkingCalendar(String version, Set<LocalDate> off, Set<LocalDate> worked, TreeMap<Integer, String> statusByYear) {
        this.version = version;
        this.off = Set.copyOf(off);
        this.worked = Set.copyOf(worked);
        this.statusByYear = statusByYear;
    }

    public String version() {
        return version;
    }

    /** Whether the calendar lists this year (deadlines are only computed on listed years). */
    public boolean covers(int year) {
        return statusByYear.containsKey(year);
    }

    public boolean isWorkingDay(LocalDate day) {
        requireCovered(day);
        if (worked.contains(day)) return true;
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !off.contains(day);
    }

    /**
     * The deadline of something received at {@code received} with {@code days} working days to handle it: the end of
     * the {@code days}-th working day after the day of receipt (the day of receipt does not count, whichever hour it
     * came in), i.e. midnight in Vietnam at the start of the next day.
     *
     * @throws IllegalStateException when the count runs into a year the calendar does not list
     */
    public Instant deadline(Instant received, int days) {
        LocalDate day = received.atZone(VIETNAM).toLocalDate();
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) counted++;
        }
        return day.plusDays(1).atStartOfDay(VIETNAM).toInstant();
    }

    /** Working days from {@code from} (exclusive) to {@code to} (inclusive); negative when {@code to} is earlier. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int sign = to.isBefore(from) ? -1 : 1;
        LocalDate a = sign > 0 ? from : to, b = sign > 0 ? to : from;
        int n = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) if (isWorkingDay(d)) n++;
        return sign * n;
    }

    private void requireCovered(LocalDate day) {
        if (!covers(day.getYear())) {
            throw new IllegalStateException("the holiday calendar " + version + " does not list " + day.getYear()
                    + " (it lists " + statusByYear.firstKey() + "–" + statusByYear.lastKey() + "); add the year to config/holidays.yaml");
        }
    }

    /** The Gregorian day of a lunar month and day in the lunar year that starts in Gregorian {@code year}, in Vietnam. */
    static LocalDate lunar(int year, int month, int dayOfMonth) {
        // Walks the Gregorian days of the year and reads each one's lunar date at UTC+7 (the first lunar months of a
        // year never start before 21 January), instead of resolving lunar fields, whose year numbering is ICU's.
        ChineseCalendar c = vietnameseLunar();
        for (LocalDate d = LocalDate.of(year, 1, 15); d.getYear() == year; d = d.plusDays(1)) {
            c.setTimeInMillis(d.atTime(12, 0).atZone(ZoneId.of("+07:00")).toInstant().toEpochMilli());
            if (c.get(ChineseCalendar.MONTH) == month - 1 && c.get(ChineseCalendar.IS_LEAP_MONTH) == 0
                    && c.get(ChineseCalendar.DAY_OF_MONTH) == dayOfMonth) return d;
        }
        throw new IllegalArgumentException("no lunar " + dayOfMonth + "/" + month + " in " + year);
    }

    /**
     * ICU's Chinese calendar computes new moons at China's UTC+8; the Vietnamese calendar is the same rule computed at
     * UTC+7 (they differ in some years, e.g. Tết 1985). ICU's own Korean calendar is made the same way (at UTC+9).
     */
    private static ChineseCalendar vietnameseLunar() {
        TimeZone vn = TimeZone.getTimeZone("GMT+07:00");
        return new ChineseCalendar(vn, com.ibm.icu.util.ULocale.ROOT, -2636, vn) {
        };
    }

    /**
     * Reads and checks the calendar.
     *
     * @throws ConfigException naming every mistake with file, line and field ({@code years[i].lunar_new_year})
     */
    public static WorkingCalendar load(Path file) throws ConfigException {
        ConfigFile yaml = ConfigFile.read(file);
        File f = yaml.bind("", File.class);
        List<String> problems = new ArrayList<>();
        Set<LocalDate> off = new HashSet<>(), worked = new HashSet<>();
        TreeMap<Integer, String> years = new TreeMap<>();
        for (int i = 0; i < f.years.size(); i++) {
            String at = "years[" + i + "]";
            Year y = yaml.bind(at, Year.class, problems);
            if (y == null || y.year == null) continue;
            if (years.put(y.year, y.status) != null) problems.add(yaml.problem(at + ".year", y.year + " is listed twice"));
            Set<LocalDate> yearOff = new HashSet<>();
            if (y.daysOff != null) {
                for (int k = 0; k < y.daysOff.size(); k++) {
                    for (LocalDate d : days(yaml, at + ".days_off[" + k + "]", y.daysOff.get(k), y.year, problems)) {
                        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                            problems.add(yaml.problem(at + ".days_off[" + k + "]", d + " is a " + d.getDayOfWeek().toString().toLowerCase()
                                    + ": list only weekdays without work (a holiday on a weekend gives a compensatory weekday)"));
                        }
                        yearOff.add(d);
                    }
                }
            }
            if (y.workingWeekends != null) {
                for (int k = 0; k < y.workingWeekends.size(); k++) {
                    for (LocalDate d : days(yaml, at + ".working_weekends[" + k + "]", y.workingWeekends.get(k), y.year, problems)) {
                        if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                            problems.add(yaml.problem(at + ".working_weekends[" + k + "]", d + " is not a weekend day"));
                        }
                        worked.add(d);
                    }
                }
            }
            LocalDate tet = date(yaml, at + ".lunar_new_year", y.lunarNewYear, y.year, problems);
            if (tet != null) {
                LocalDate lunar = lunar(y.year, 1, 1);
                if (!tet.equals(lunar)) {
                    problems.add(yaml.problem(at + ".lunar_new_year", tet + " is not the lunar new year of " + y.year + " in Vietnam (" + lunar + ")"));
                } else if (!yearOff.contains(tet) && tet.getDayOfWeek() != DayOfWeek.SATURDAY && tet.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    problems.add(yaml.problem(at + ".days_off", "the lunar new year " + tet + " is a weekday but not a day off"));
                }
            }
            LocalDate hung = date(yaml, at + ".hung_kings", y.hungKings, y.year, problems);
            if (hung != null && !hung.equals(lunar(y.year, 3, 10))) {
                problems.add(yaml.problem(at + ".hung_kings", hung + " is not the 10th day of the 3rd lunar month of " + y.year + " (" + lunar(y.year, 3, 10) + ")"));
            }
            off.addAll(yearOff);
        }
        for (int i = 1; i < years.size(); i++) {
            // A gap would make a deadline skip a year's holidays without anyone noticing.
            int prev = years.keySet().stream().toList().get(i - 1), next = years.keySet().stream().toList().get(i);
            if (next != prev + 1) problems.add(yaml.problem("years", "years must follow each other: " + prev + " is followed by " + next));
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new WorkingCalendar(f.version, off, worked, years);
    }

    private static List<LocalDate> days(ConfigFile yaml, String at, String text, int year, List<String> problems) {
        if (text == null) return List.of();
        String[] parts = text.split("\\.\\.", 2);
        LocalDate a = date(yaml, at, parts[0].trim(), year, problems);
        if (parts.length == 1) return a == null ? List.of() : List.of(a);
        LocalDate b = date(yaml, at, parts[1].trim(), year, problems);
        if (a == null || b == null) return List.of();
        if (b.isBefore(a)) {
            problems.add(yaml.problem(at, "the range " + text + " ends before it starts"));
            return List.of();
        }
        return a.datesUntil(b.plusDays(1)).toList();
    }

    private static LocalDate date(ConfigFile yaml, String at, String text, int year, List<String> problems) {
        if (text == null) return null;
        try {
            LocalDate d = LocalDate.parse(text.trim());
            if (d.getYear() != year) {
                problems.add(yaml.problem(at, d + " does not lie in " + year));
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(yaml.problem(at, "'" + text + "' is not a date YYYY-MM-DD (or a range YYYY-MM-DD..YYYY-MM-DD)"));
            return null;
        }
    }
}
