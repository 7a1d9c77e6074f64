package vn.matthan.api.reports;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 7-working-day clock of field reports on the bundled calendar, across Tết and the other holidays. */
class WorkingCalendarTest {
    static final Path FILE = Path.of("../config/holidays.yaml");
    static WorkingCalendar calendar;

    @BeforeAll
    static void load() throws Exception {
        calendar = WorkingCalendar.load(FILE);
    }

    static Instant vn(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), WorkingCalendar.VIETNAM).toInstant();
    }

    @Test
    void theLunarNewYearIsComputedInVietnamTime() {
        assertThat(WorkingCalendar.lunar(2026, 1, 1)).isEqualTo(LocalDate.of(2026, 2, 17));
        assertThat(WorkingCalendar.lunar(2027, 1, 1)).isEqualTo(LocalDate.of(2027, 2, 6));
        assertThat(WorkingCalendar.lunar(2025, 1, 1)).isEqualTo(LocalDate.of(2025, 1, 29));
        // 1985: the new moon fell before midnight at UTC+7 but after it at UTC+8, so Vietnam's Tết was a day before China's.
        assertThat(WorkingCalendar.lunar(1985, 1, 1)).isEqualTo(LocalDate.of(1985, 1, 21));
        assertThat(WorkingCalendar.lunar(2026, 3, 10)).isEqualTo(LocalDate.of(2026, 4, 26));
    }

    @Test
    void sevenWorkingDaysAcrossTet2026SkipTheWholeHoliday() {
        // Friday 13 Feb 2026, 15:00: the Tết break runs Saturday 14 to Sunday 22 Feb (weekdays 16–20 off).
        // Working days after it: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27 Feb, Mon 2, Tue 3 Mar → due at the end of 3 Mar.
        assertThat(calendar.deadline(vn("2026-02-13T15:00"), 7)).isEqualTo(vn("2026-03-04T00:00"));
        // Without the holiday it would have been the end of 24 Feb.
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 17))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).isTrue();
    }

    @Test
    void sevenWorkingDaysAcrossTet2027CountTheCompensatoryDays() {
        // Tết Đinh Mùi: Sat 6 Feb 2027; Fri 5 and Mon 8–Thu 11 Feb off (10 and 11 compensate 6 and 7).
        // From Thursday 4 Feb: Fri 12, Mon 15, Tue 16, Wed 17, Thu 18, Fri 19, Mon 22 → end of 22 Feb.
        assertThat(calendar.deadline(vn("2027-02-04T09:30"), 7)).isEqualTo(vn("2027-02-23T00:00"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 11))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 12))).isTrue();
    }

    @Test
    void aReportOnAWeekendOrHolidayStartsCountingOnTheNextWorkingDay() {
        // Received Saturday 25 Apr 2026 late at night; Monday 27 Apr is the Hùng Kings compensatory day, 30 Apr and 1 May holidays.
        // Tue 28, Wed 29, Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 May → end of 8 May.
        assertThat(calendar.deadline(vn("2026-04-25T23:50"), 7)).isEqualTo(vn("2026-05-09T00:00"));
        // Across New Year into the provisional 2027: Thu 24 Dec 2026 → Fri 25, Mon 28, Tue 29, Wed 30, Thu 31, Mon 4, Tue 5 Jan.
        assertThat(calendar.deadline(vn("2026-12-24T10:00"), 7)).isEqualTo(vn("2027-01-06T00:00"));
    }

    @Test
    void workingDaysBetweenCountsOnlyWorkingDays() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 2, 24))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 2, 24), LocalDate.of(2026, 2, 13))).isEqualTo(-2);
    }

    @Test
    void aYearTheCalendarDoesNotListIsSaidPlainly() {
        assertThatThrownBy(() -> calendar.deadline(vn("2027-12-28T10:00"), 7))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not list 2028").hasMessageContaining("config/holidays.yaml");
    }

    @Test
    void aWrongTetDateIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("holidays.yaml");
        Files.writeString(bad, Files.readString(FILE).replace("lunar_new_year: \"2026-02-17\"", "lunar_new_year: \"2026-02-16\"")
                .replace("hung_kings: \"2027-04-16\"", "hung_kings: \"2027-04-17\""));
        assertThatThrownBy(() -> WorkingCalendar.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("years[1].lunar_new_year: 2026-02-16 is not the lunar new year of 2026 in Vietnam (2026-02-17)")
                .hasMessageContaining("years[2].hung_kings: 2027-04-17 is not the 10th day of the 3rd lunar month of 2027 (2027-04-16)")
                .hasMessageContaining(bad + ":");
    }

    @Test
    void aWeekendListedAsDayOffAndAGapBetweenYearsAreRefused(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("holidays.yaml");
        Files.writeString(bad, Files.readString(FILE).replace("\"2026-04-27\"", "\"2026-04-26\"").replace("year: 2026", "year: 2030"));
        assertThatThrownBy(() -> WorkingCalendar.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not lie in 2030");
        Path weekend = dir.resolve("weekend.yaml");
        Files.writeString(weekend, Files.readString(FILE).replace("\"2026-04-27\"", "\"2026-04-26\""));
        assertThatThrownBy(() -> WorkingCalendar.load(weekend)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("years[1].days_off[2]: 2026-04-26 is a sunday");
    }
}
