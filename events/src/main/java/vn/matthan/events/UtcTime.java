package vn.matthan.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one time format our producers write ({@code 2026-11-20T06:00:00.120Z}: UTC, seconds, 0–9 fraction
 * digits) without java.time's general parser, which costs more than the rest of a passage event together. Any other
 * form gives null, and the caller uses the general parser.
 */
final class UtcTime {
    private UtcTime() {
    }

    static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return null;
        int nanos = 0;
        if (n > 20) {
            int digitsEnd = n - 1, count = digitsEnd - 20;
            if (s.charAt(19) != '.' || count < 1 || count > 9) return null;
            int fraction = digits(s, 20, count);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int k = count; k < 9; k++) nanos *= 10;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay(); // rejects 31 April, 29 February of 2026
            return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in s[from, from + count), or -1 if any character is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
