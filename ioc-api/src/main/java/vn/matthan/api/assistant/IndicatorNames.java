package vn.matthan.api.assistant;

import vn.matthan.api.indicators.Indicator;
import vn.matthan.api.indicators.IndicatorCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the catalog indicator a question names, from the catalog as loaded (Vietnamese name, aliases, id): nothing
 * here lists indicators, so a new catalog entry is understood as soon as it is loaded. Each name is a bag of folded
 * words weighted by how few indicators use them ("giải ngân" tells more than "tỷ lệ"); an indicator scores the weight
 * of its best name's words the question holds, over that name's weight. A name said word for word scores 1.
 */
final class IndicatorNames {
    /** Words every name may hold that identify nothing. */
    static final Set<String> NAME_FILLER = Set.of("ty", "le", "cua", "duoc", "cac", "tai", "tren", "va", "khi", "co", "cho", "theo",
            "trong", "nguoi", "moi", "so luong", "muc", "do", "the", "nhung", "voi", "la");

    record Match(Indicator indicator, double score, Set<Integer> tokens) {
    }

    private record Name(Indicator indicator, List<String> words, boolean alias) {
    }

    private final List<Name> names = new ArrayList<>();
    private final Map<String, Double> weight = new HashMap<>();
    /** Every word of an indicator's names: what a question about it may say without raising doubt. */
    private final Map<String, Set<String>> vocabulary = new HashMap<>();

    IndicatorNames(IndicatorCatalog catalog) {
        Map<String, Set<String>> usedBy = new HashMap<>();
        int count = 0;
        for (Indicator i : catalog.all()) {
            count++;
            List<String> all = new ArrayList<>();
            all.add(i.nameVi());
            all.addAll(catalog.aliases(i.id()));
            Set<String> vocab = new HashSet<>();
            for (String n : all) {
                List<String> words = VietText.words(n).stream().filter(w -> !NAME_FILLER.contains(w)).toList();
                names.add(new Name(i, words, !n.equals(i.nameVi())));
                vocab.addAll(VietText.words(n));
                for (String w : words) usedBy.computeIfAbsent(w, k -> new HashSet<>()).add(i.id());
            }
            vocab.addAll(List.of(i.id().split("-")));
            vocabulary.put(i.id(), vocab);
        }
        int n = count;
        usedBy.forEach((w, ids) -> weight.put(w, Math.log(1.0 + (double) n / ids.size())));
    }

    /** True when some indicator's name holds the word. */
    boolean anyVocabulary(String word) {
        for (Set<String> v : vocabulary.values()) if (v.contains(word)) return true;
        return false;
    }

    Set<String> vocabulary(String indicatorId) {
        return vocabulary.getOrDefault(indicatorId, Set.of());
    }

    /** The indicators the free tokens of the question may name, best first (at most one per indicator). */
    List<Match> rank(List<String> tokens, boolean[] used) {
        Map<String, Match> best = new HashMap<>();
        for (Name n : names) {
            if (n.words.isEmpty()) continue;
            double have = 0, all = 0;
            Set<Integer> hit = new LinkedHashSet<>();
            for (String w : n.words) {
                double wt = weight.getOrDefault(w, 1.0);
                all += wt;
                for (int k = 0; k < tokens.size(); k++) {
                    if (!used[k] && VietText.sameWord(tokens.get(k), w)) {
                        have += wt;
                        hit.add(k);
                        break;
                    }
                }
            }
            // a word counts only beside another word of the same name ("bao" of "bao nhiêu" is not "thông báo")
            if (n.words.size() > 1) {
                Set<Integer> kept = new LinkedHashSet<>();
                for (int k : hit) if (hit.contains(k - 1) || hit.contains(k + 1) || hit.contains(k - 2) && hit.size() > 2 || hit.contains(k + 2) && hit.size() > 2) kept.add(k);
                if (kept.size() != hit.size()) {
                    have = 0;
                    for (String w : n.words) {
                        for (int k : kept) {
                            if (VietText.sameWord(tokens.get(k), w)) {
                                have += weight.getOrDefault(w, 1.0);
                                break;
                            }
                        }
                    }
                    hit = kept;
                }
            }
            double score = Math.min(1.0, have / all);
            Match m = new Match(n.indicator, score, hit);
            Match prev = best.get(n.indicator.id());
            if (prev == null || score > prev.score || (score == prev.score && hit.size() > prev.tokens.size())) best.put(n.indicator.id(), m);
        }
        List<Match> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(m -> -m.tokens.size()));
        return out;
    }
}
