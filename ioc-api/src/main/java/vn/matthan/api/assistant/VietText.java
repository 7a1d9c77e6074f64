package vn.matthan.api.assistant;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text as the assistant compares it: lower case, without tone marks and diacritics ({@code Sơn Hà} and
 * {@code son ha} are the same words), {@code đ} as {@code d}, punctuation as spaces.
 */
public final class VietText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9/.%-]+");
    /** Long words (folded) may carry one typo; short syllables must match exactly (son/sen are different places). */
    static final int TYPO_MIN_LENGTH = 6;
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

    private VietText() {
    }

    /** {@code "Huyện Sơn Hà, tháng 10/2023?"} → {@code "huyen son ha thang 10/2023"}. */
    public static String fold(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replace('đ', 'd');
        String plain = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        // a full stop or comma ending a word is punctuation; inside a number (1.234, 10/2023, 2023-10) it is not
        plain = plain.replaceAll("(?<![0-9])[.,]|[.,](?![0-9])", " ");
        return NOT_WORD.matcher(plain).replaceAll(" ").trim().replaceAll(" +", " ");
    }

    public static List<String> words(String s) {
        String f = fold(s);
        return f.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(f.split(" ")));
    }

    /** The same word, or for long words one letter off. */
    public static boolean sameWord(String a, String b) {
        if (a.equals(b)) return true;
        if (a.length() < TYPO_MIN_LENGTH || b.length() < TYPO_MIN_LENGTH) return false;
        return ONE_EDIT.apply(a, b) >= 0;
    }

    /** Two syllables written together ({@code "trutuyen"}) or a typo across a long name: one edit on 8+ letters. */
    public static boolean samePhrase(String a, String b) {
        if (a.equals(b)) return true;
        if (a.length() < 8 || b.length() < 8) return false;
        return ONE_EDIT.apply(a, b) >= 0;
    }
}
