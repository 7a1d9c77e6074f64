package vn.matthan.detection.plate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of Vietnamese civil plates: a 2-digit province code as issued (11–99 with gaps; 80 for central
 * agencies), a series, and a 4- or 5-digit serial. Cars: one letter or a special two-letter series (LD, KT, NG, NN,
 * QT, CV…), one line {@code 51F-123.45} or two lines; motorbikes: always two lines, series letter + digit or two
 * letters ({@code 59-X1 123.45}). Look-alike characters (O/0, I/1, B/8, D/0, S/5, Z/2, G/6) are repaired only where
 * a position demands the other kind and only when exactly one valid plate results, so a valid read is never changed.
 */
public final class VietnamesePlate {
    public enum Format { CAR_ONE_LINE, CAR_TWO_LINE, MOTORBIKE_TWO_LINE }

    /** A valid plate: letters and digits only ({@code normalised}), as printed ({@code display}), and its parts. */
    public record Number(String normalised, String display, Format format, String province, String series, String serial,
                         boolean repaired) {
    }

    static final Set<Integer> PROVINCES = Set.of(11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
            33, 34, 35, 36, 37, 38, 40, 41, 43, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68,
            69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 88, 89, 90, 92, 93, 94, 95, 97, 98, 99);
    /** Series letters in use (I, J, O, Q, W are not issued, to avoid confusion). */
    static final String LETTERS = "ABCDEFGHKLMNPRSTUVXYZ";
    static final Set<String> SPECIAL_SERIES = Set.of("LD", "KT", "NG", "NN", "QT", "CV", "LB", "DA", "MK", "MD", "TD", "HC");
    private static final Pattern CAR = Pattern.compile("(\\d{2})([A-Z]{1,2})(\\d{4,5})");
    private static final Pattern BIKE = Pattern.compile("(\\d{2})([A-Z][A-Z0-9])(\\d{4,5})");
    // The look-alike pairs of the plate font; nothing else is ever swapped.
    private static final Map<Character, Character> TO_DIGIT = Map.of('O', '0', 'D', '0', 'I', '1', 'B', '8', 'S', '5', 'Z', '2', 'G', '6');
    private static final Map<Character, Character> TO_LETTER = Map.of('0', 'D', '8', 'B', '5', 'S', '2', 'Z', '6', 'G');

    private VietnamesePlate() {
    }

    /** Parses letters and digits read from a plate of the given layout; empty when no valid plate matches. */
    public static Optional<Number> parse(String raw, Format format) {
        String s = raw.toUpperCase().replaceAll("[^A-Z0-9]", "");
        Matcher m = (format == Format.MOTORBIKE_TWO_LINE ? BIKE : CAR).matcher(s);
        if (!m.matches()) return Optional.empty();
        String province = m.group(1), series = m.group(2), serial = m.group(3);
        if (!PROVINCES.contains(Integer.parseInt(province))) return Optional.empty();
        if (format == Format.MOTORBIKE_TWO_LINE) {
            if (LETTERS.indexOf(series.charAt(0)) < 0) return Optional.empty();
            char second = series.charAt(1);
            if (!Character.isDigit(second) && LETTERS.indexOf(second) < 0) return Optional.empty();
            if (Character.isDigit(second) && second == '0') return Optional.empty();
        } else if (series.length() == 1 ? LETTERS.indexOf(series.charAt(0)) < 0 : !SPECIAL_SERIES.contains(series)) {
            return Optional.empty();
        }
        String serialShown = serial.length() == 5 ? serial.substring(0, 3) + "." + serial.substring(3) : serial;
        String display = format == Format.MOTORBIKE_TWO_LINE ? province + "-" + series + " " + serialShown
                : province + series + "-" + serialShown;
        return Optional.of(new Number(s, display, format, province, series, serial, false));
    }

    /**
     * The read as a valid plate, repairing look-alikes where the grammar forces it: a valid read is returned as it
     * is; otherwise every position holding the wrong kind of character is swapped for its look-alike, and the result
     * is accepted only if exactly one layout-consistent plate comes out.
     */
    public static Optional<Number> repair(String raw, Format format) {
        String s = raw.toUpperCase().replaceAll("[^A-Z0-9]", "");
        Optional<Number> asRead = parse(s, format);
        if (asRead.isPresent()) return asRead;
        List<Number> candidates = new ArrayList<>();
        for (String shape : shapes(format, s.length())) {
            StringBuilder b = new StringBuilder(s);
            boolean ok = true;
            for (int i = 0; i < s.length() && ok; i++) {
                char c = s.charAt(i), want = shape.charAt(i);
                if (want == 'D' && !Character.isDigit(c)) {
                    Character d = TO_DIGIT.get(c);
                    if (d == null) ok = false;
                    else b.setCharAt(i, d);
                } else if (want == 'L' && Character.isDigit(c)) {
                    Character l = TO_LETTER.get(c);
                    if (l == null) ok = false;
                    else b.setCharAt(i, l);
                }
            }
            if (!ok) continue;
            parse(b.toString(), format).ifPresent(n -> {
                if (candidates.stream().noneMatch(x -> x.normalised().equals(n.normalised()))) candidates.add(n);
            });
        }
        if (candidates.size() != 1) return Optional.empty();
        Number n = candidates.get(0);
        return Optional.of(new Number(n.normalised(), n.display(), n.format(), n.province(), n.series(), n.serial(), true));
    }

    /** Character kinds per position (D digit, L letter, X either) of each plate shape of this length. */
    private static List<String> shapes(Format format, int length) {
        List<String> out = new ArrayList<>();
        if (format == Format.MOTORBIKE_TWO_LINE) {
            for (String series : new String[]{"LD", "LL"}) {
                for (int serial = 4; serial <= 5; serial++) if (2 + 2 + serial == length) out.add("DD" + series + "D".repeat(serial));
            }
        } else {
            for (int letters = 1; letters <= 2; letters++) {
                for (int serial = 4; serial <= 5; serial++) if (2 + letters + serial == length) out.add("DD" + "L".repeat(letters) + "D".repeat(serial));
            }
        }
        return out;
    }
}
