package vn.matthan.api.assistant;

import vn.matthan.api.indicators.AdminUnit;
import vn.matthan.api.indicators.AdminUnits;
import vn.matthan.api.indicators.Level;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds administrative units by the names people say, from the loaded unit list: the short name ({@code Sơn Hà}),
 * with or without its kind ({@code huyện Sơn Hà}, {@code TP Quảng Ngãi}, {@code thành phố Quảng Ngãi}, {@code xã Sơn
 * Hạ}), with or without diacritics. Known: every unit under the home unit and every province. A name several units
 * share is settled by the kind said, then by the diacritics written, then by the higher tier (a bare "Quảng Ngãi" is
 * the province, "Sơn Hà" the district); what is still ambiguous is reported, never guessed.
 */
final class UnitNames {
    /** What people say before a name → how the official names of that kind begin (folded). */
    static final Map<String, List<String>> KINDS = Map.ofEntries(
            Map.entry("tinh", List.of("tinh ")), Map.entry("thanh pho", List.of("thanh pho ")), Map.entry("tp", List.of("thanh pho ")),
            Map.entry("huyen", List.of("huyen ")), Map.entry("quan", List.of("quan ")), Map.entry("thi xa", List.of("thi xa ")),
            Map.entry("tx", List.of("thi xa ")), Map.entry("xa", List.of("xa ")), Map.entry("phuong", List.of("phuong ")),
            Map.entry("thi tran", List.of("thi tran ")), Map.entry("tt", List.of("thi tran ")));
    private static final int LONGEST_NAME = 5;

    /** A unit named in the question, at token positions [start, end) including its kind word. */
    record Named(AdminUnit unit, int start, int end) {
    }

    /** Several units answer to a name; the question must say which. */
    record Ambiguous(String said, List<AdminUnit> units) {
    }

    private final List<AdminUnits> layouts;
    private final Map<String, AdminUnit> byCode = new HashMap<>();
    private final Map<String, List<AdminUnit>> byShortName = new HashMap<>();

    /** Names of every layout (a 2023 question names 2023's districts); a code both layouts hold is one unit. */
    UnitNames(java.util.Collection<AdminUnits> layouts, String home) {
        this.layouts = List.copyOf(layouts);
        for (AdminUnits units : layouts) {
            for (AdminUnit u : units.all()) {
                if (byCode.containsKey(u.code())) continue;
                if (u.level() == Level.PROVINCE || (home != null && units.isWithin(u.code(), home))) {
                    byCode.put(u.code(), u);
                    byShortName.computeIfAbsent(VietText.fold(u.nameShort()), k -> new ArrayList<>()).add(u);
                }
            }
        }
    }

    /** True when {@code code} lies within {@code ancestor} in a layout holding both. */
    boolean isWithin(String code, String ancestor) {
        for (AdminUnits u : layouts) if (u.contains(code) && u.contains(ancestor) && u.isWithin(code, ancestor)) return true;
        return false;
    }

    /**
     * Marks the tokens of each unit name found as used; returns the units in the order said, or fills {@code ambiguous}.
     *
     * @param original the question as typed (its diacritics settle Sơn Hà / Sơn Hạ)
     */
    List<Named> find(List<String> tokens, boolean[] used, String original, List<Ambiguous> ambiguous, java.util.function.Predicate<String> common) {
        List<Named> out = new ArrayList<>();
        String typed = java.text.Normalizer.normalize(original.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFC);
        // names right after their kind first ("thành phố Quảng Ngãi" before "Phổ Quang"), then the others
        for (int pass = 0; pass < 2; pass++) scan(tokens, used, typed, ambiguous, common, out, pass == 0);
        out.sort(java.util.Comparator.comparingInt(Named::start));
        return out;
    }

    private void scan(List<String> tokens, boolean[] used, String typed, List<Ambiguous> ambiguous, java.util.function.Predicate<String> common,
                      List<Named> out, boolean afterKind) {
        for (int i = 0; i < tokens.size(); i++) {
            if (used[i]) continue;
            boolean kindBefore = i >= 1 && !used[i - 1] && KINDS.containsKey(tokens.get(i - 1))
                    || i >= 2 && !used[i - 2] && !used[i - 1] && KINDS.containsKey(tokens.get(i - 2) + " " + tokens.get(i - 1));
            if (afterKind && !kindBefore) continue;
            for (int len = Math.min(LONGEST_NAME, tokens.size() - i); len >= 1; len--) {
                if (anyUsed(used, i, len)) continue;
                String said = String.join(" ", tokens.subList(i, i + len));
                List<AdminUnit> found = lookup(said, len, tokens.subList(i, i + len), common);
                if (found.isEmpty()) continue;
                int start = i;
                String kind = null;
                if (i >= 2 && !used[i - 2] && !used[i - 1] && KINDS.containsKey(tokens.get(i - 2) + " " + tokens.get(i - 1))) {
                    kind = tokens.get(i - 2) + " " + tokens.get(i - 1);
                    start = i - 2;
                } else if (i >= 1 && !used[i - 1] && KINDS.containsKey(tokens.get(i - 1))) {
                    kind = tokens.get(i - 1);
                    start = i - 1;
                }
                // "ba xã thuộc Sơn Hà" counts communes; only "xã Ba Xa" names the commune Ba Xa
                if (kind == null && len == 2 && QuestionParser.number(tokens.get(i)) > 0 && QuestionParser.LEVEL_WORDS.containsKey(tokens.get(i + 1))) continue;
                List<AdminUnit> pick = settle(found, kind, typed);
                if (pick.isEmpty() && kind != null) {
                    // "tỉnh" before a district's name ("huyện Sơn Hà tỉnh Quảng Ngãi" is read from the left): no such unit
                    continue;
                }
                for (int k = start; k < i + len; k++) used[k] = true;
                if (pick.size() == 1) out.add(new Named(pick.get(0), start, i + len));
                else ambiguous.add(new Ambiguous(said, pick));
                i = i + len - 1;
                break;
            }
        }
    }

    private List<AdminUnit> lookup(String said, int words, List<String> saidWords, java.util.function.Predicate<String> common) {
        List<AdminUnit> exact = byShortName.get(said);
        if (exact != null) return exact;
        if (saidWords.stream().anyMatch(common)) return List.of();
        // One typo on a long name: "quang ngia", "nghia hang"
        String joined = said.replace(" ", "");
        if (joined.length() < 8) return List.of();
        List<AdminUnit> out = new ArrayList<>();
        for (Map.Entry<String, List<AdminUnit>> e : byShortName.entrySet()) {
            if (e.getKey().split(" ").length == words && VietText.samePhrase(e.getKey().replace(" ", ""), joined)) out.addAll(e.getValue());
        }
        return out;
    }

    private static boolean anyUsed(boolean[] used, int from, int len) {
        for (int k = from; k < from + len; k++) if (used[k]) return true;
        return false;
    }

    private static List<AdminUnit> settle(List<AdminUnit> found, String kind, String typed) {
        List<AdminUnit> c = found;
        if (kind != null) {
            List<String> prefixes = KINDS.get(kind);
            c = c.stream().filter(u -> prefixes.stream().anyMatch(p -> VietText.fold(u.name()).startsWith(p))).toList();
            if (c.size() <= 1) return c;
        }
        List<AdminUnit> written = c.stream().filter(u -> typed.contains(u.nameShort().toLowerCase(Locale.ROOT))).toList();
        if (!written.isEmpty()) c = written;
        if (c.size() <= 1) return c;
        Level top = c.stream().map(AdminUnit::level).min(Comparator.naturalOrder()).orElseThrow();
        return c.stream().filter(u -> u.level() == top).toList();
    }

    /** Finds a unit by code, for the answer's scope. */
    AdminUnit unit(String code) {
        return byCode.get(code);
    }
}
