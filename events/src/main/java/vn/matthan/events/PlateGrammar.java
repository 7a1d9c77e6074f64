package vn.matthan.events;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of Vietnamese civil plates, shared by the plate reader (detection) and the vehicle registry import
 * (API): a 2-digit province code as issued (11–99 with gaps; 80 for central agencies), a series, and a 4- or 5-digit
 * serial. Cars: one letter or a special two-letter series (LD, KT, NG, NN, QT, CV…), one line {@code 51F-123.45} or
 * two lines; motorbikes: always two lines, series letter + digit or two letters ({@code 59-X1 123.45}).
 */
public final class PlateGrammar {
    /** Plate layouts: which series a plate may carry depends on the kind of vehicle. */
    public enum Layout { CAR_ONE_LINE, CAR_TWO_LINE, MOTORBIKE_TWO_LINE }

    /** A valid plate: letters and digits only ({@code normalised}), as printed ({@code display}), and its parts. */
    public record Plate(String normalised, String display, Layout layout, String province, String series, String serial) {
    }

    public static final Set<Integer> PROVINCES = Set.of(11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
            33, 34, 35, 36, 37, 38, 40, 41, 43, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68,
            69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 88, 89, 90, 92, 93, 94, 95, 97, 98, 99);
    /** Series letters in use (I, J, O, Q, W are not issued, to avoid confusion). */
    public static final String LETTERS = "ABCDEFGHKLMNPRSTUVXYZ";
    public static final Set<String> SPECIAL_SERIES = Set.of("LD", "KT", "NG", "NN", "QT", "CV", "LB", "DA", "MK", "MD", "TD", "HC");
    private static final Pattern CAR = Pattern.compile("(\\d{2})([A-Z]{1,2})(\\d{4,5})");
    private static final Pattern BIKE = Pattern.compile("(\\d{2})([A-Z][A-Z0-9])(\\d{4,5})");

    private PlateGrammar() {
    }

    /**
     * Characters a plate reader confuses on the plate typeface, in both directions: letter/digit look-alikes (0/D, 8/B,
     * 5/S, 2/Z, 6/G, 4/A) and digit look-alikes (0/8, 3/8, 5/6, 1/7). O and I are never issued, so not listed.
     */
    public static final java.util.Map<Character, String> LOOK_ALIKES = java.util.Map.ofEntries(
            java.util.Map.entry('0', "D8"), java.util.Map.entry('D', "0"), java.util.Map.entry('8', "B03"),
            java.util.Map.entry('B', "8"), java.util.Map.entry('3', "8"), java.util.Map.entry('5', "S6"),
            java.util.Map.entry('S', "5"), java.util.Map.entry('6', "G5"), java.util.Map.entry('G', "6"),
            java.util.Map.entry('2', "Z"), java.util.Map.entry('Z', "2"), java.util.Map.entry('4', "A"),
            java.util.Map.entry('A', "4"), java.util.Map.entry('1', "7"), java.util.Map.entry('7', "1"));

    /**
     * Every plate exactly one look-alike character away from this one (normalised, in position order): the reads a
     * sighting of this vehicle might have been given, or another vehicle it might be mistaken for.
     */
    public static java.util.List<String> lookAlikes(String normalised) {
        java.util.List<String> out = new java.util.ArrayList<>();
        char[] c = normalised.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char original = c[i];
            for (char other : LOOK_ALIKES.getOrDefault(original, "").toCharArray()) {
                c[i] = other;
                out.add(new String(c));
            }
            c[i] = original;
        }
        return out;
    }

    /** Positions (0-based, in the normalised plate) where two plates of the same length differ. */
    public static java.util.List<Integer> differences(String a, String b) {
        java.util.List<Integer> at = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) if (a.charAt(i) != b.charAt(i)) at.add(i);
        return at;
    }

    /** Letters and digits only, upper case: how plates are stored and compared (51F-123.45 → 51F12345). */
    public static String normalise(String raw) {
        return raw == null ? null : raw.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    /** Parses letters and digits of a plate of the given layout; empty when it is not a valid plate of that layout. */
    public static Optional<Plate> parse(String raw, Layout layout) {
        String s = normalise(raw);
        Matcher m = (layout == Layout.MOTORBIKE_TWO_LINE ? BIKE : CAR).matcher(s);
        if (!m.matches()) return Optional.empty();
        String province = m.group(1), series = m.group(2), serial = m.group(3);
        if (!PROVINCES.contains(Integer.parseInt(province))) return Optional.empty();
        if (layout == Layout.MOTORBIKE_TWO_LINE) {
            if (LETTERS.indexOf(series.charAt(0)) < 0) return Optional.empty();
            char second = series.charAt(1);
            if (!Character.isDigit(second) && LETTERS.indexOf(second) < 0) return Optional.empty();
            if (Character.isDigit(second) && second == '0') return Optional.empty();
        } else if (series.length() == 1 ? LETTERS.indexOf(series.charAt(0)) < 0 : !SPECIAL_SERIES.contains(series)) {
            return Optional.empty();
        }
        String serialShown = serial.length() == 5 ? serial.substring(0, 3) + "." + serial.substring(3) : serial;
        String display = layout == Layout.MOTORBIKE_TWO_LINE ? province + "-" + series + " " + serialShown
                : province + series + "-" + serialShown;
        return Optional.of(new Plate(s, display, layout, province, series, serial));
    }

    /**
     * Why a plate is not valid for a vehicle of the given kind (two-wheeled or not), in words for an import report;
     * empty when it is valid.
     */
    public static Optional<String> problem(String raw, boolean twoWheeled) {
        String s = normalise(raw);
        if (s.length() < 7 || s.length() > 9) return Optional.of("a plate has 7 to 9 letters and digits, '" + raw + "' has " + s.length());
        if (!Character.isDigit(s.charAt(0)) || !Character.isDigit(s.charAt(1)))
            return Optional.of("a plate begins with the 2-digit province code");
        if (!PROVINCES.contains(Integer.parseInt(s.substring(0, 2))))
            return Optional.of("no province has the code " + s.substring(0, 2));
        Layout layout = twoWheeled ? Layout.MOTORBIKE_TWO_LINE : Layout.CAR_ONE_LINE;
        if (parse(s, layout).isPresent()) return Optional.empty();
        Layout other = twoWheeled ? Layout.CAR_ONE_LINE : Layout.MOTORBIKE_TWO_LINE;
        if (parse(s, other).isPresent()) return Optional.of("'" + raw + "' is a " + (twoWheeled ? "car" : "motorbike") + " plate");
        return Optional.of("'" + raw + "' is not a Vietnamese plate (province, series, 4 or 5 digits)");
    }
}
