package vn.matthan.detection.plate;

import vn.matthan.events.PlateGrammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grammar of Vietnamese civil plates (the rule itself is the shared {@link PlateGrammar}, which the registry import
 * uses too): a 2-digit province code as issued (11–99 with gaps; 80 for central
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

    // The look-alike pairs of the plate font; nothing else is ever swapped.
    private static final Map<Character, Character> TO_DIGIT = Map.of('O', '0', 'D', '0', 'I', '1', 'B', '8', 'S', '5', 'Z', '2', 'G', '6');
    private static final Map<Character, Character> TO_LETTER = Map.of('0', 'D', '8', 'B', '5', 'S', '2', 'Z', '6', 'G');

    private VietnamesePlate() {
    }

    /** Parses letters and digits read from a plate of the given layout; empty when no valid plate matches. */
    public static Optional<Number> parse(String raw, Format format) {
        return PlateGrammar.parse(raw, PlateGrammar.Layout.valueOf(format.name())).map(p ->
                new Number(p.normalised(), p.display(), format, p.province(), p.series(), p.serial(), false));
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
