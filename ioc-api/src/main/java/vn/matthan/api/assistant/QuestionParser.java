package vn.matthan.api.assistant;

import vn.matthan.api.indicators.AdminUnit;
import vn.matthan.api.indicators.Indicator;
import vn.matthan.api.indicators.IndicatorCatalog;
import vn.matthan.api.indicators.Level;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Vietnamese question (with or without diacritics) into a {@link Question}: first the time expressions, then
 * the unit names, then the words that say what is asked (which one is highest, how many reach the goal, compared with
 * the month before), then the indicator from the catalog's own names — or a traffic figure. Every word must be
 * accounted for: a word that is none of these (another indicator's, an unknown place, a topic the IOC does not hold)
 * makes the question not understood rather than answered about something else.
 */
final class QuestionParser {
    /** A name must score this much to be taken at once; a traffic word wins over a weaker one. */
    static final double SURE = 0.75, ENOUGH = 0.5, MARGIN = 0.15;
    static final int MAX_LENGTH = 300;

    /** Words that carry no content in a question ("cho biết", "là bao nhiêu", "hiện nay"). */
    static final Set<String> FILLER = Set.copyOf(List.of("cho", "biet", "toi", "xin", "hay", "vui", "long", "la", "bao", "nhieu", "the", "nao",
            "hien", "nay", "cua", "o", "tai", "trong", "ky", "duoc", "gi", "ra", "sao", "tinh", "hinh", "co", "khong", "vay", "a", "nhe",
            "minh", "em", "anh", "chi", "so", "muc", "tieu", "gia", "tri", "thuc", "te", "dia", "ban", "toan", "ca", "moi", "nhat", "gan",
            "xem", "tra", "cuu", "thong", "tin", "ve", "bao", "cao", "va", "voi", "hon", "nhu", "dang", "o", "thi", "de", "cac", "nhung",
            "dat", "bang", "ket", "qua", "luc", "khi", "den", "nam", "thang", "quy", "ngay", "hom", "tuan", "do", "muon", "can", "giup",
            "duoi", "tren", "so", "lieu", "thu", "may", "tai", "tu", "dung", "nguoi", "hieu", "ro", "lai", "roi", "hoi", "cung", "nhin",
            "tong", "hop", "gium", "theo", "thuoc", "di", "nhung", "dau", "nam", "dum", "ah", "u", "nhi", "ha", "chua", "phan", "tram", "%", "ty", "le", "ti", "chi", "tieu", "thuoc",
            "ve", "tinh", "trang", "danh", "gia", "sanh", "bieu", "hien", "tai", "hoi", "thu", "nghe"));
    static final Map<String, Level> LEVEL_WORDS = Map.ofEntries(Map.entry("huyen", Level.DISTRICT), Map.entry("quan", Level.DISTRICT),
            Map.entry("thi xa", Level.DISTRICT), Map.entry("thanh pho", Level.DISTRICT), Map.entry("xa", Level.COMMUNE),
            Map.entry("phuong", Level.COMMUNE), Map.entry("thi tran", Level.COMMUNE), Map.entry("cap huyen", Level.DISTRICT),
            Map.entry("cap xa", Level.COMMUNE));
    static final Set<String> ANY_LEVEL = Set.of("don vi", "dia phuong", "noi", "dv");

    /** Questions the figures cannot answer (why, what next, forecasts): said plainly instead of giving a number. */
    static final List<String> NOT_FIGURES = List.of("tai sao", "vi sao", "vi dau", "nguyen nhan", "du bao", "du kien", "giai phap",
            "nen lam gi", "lam gi de", "lam the nao", "ai chiu trach nhiem", "trach nhiem", "bao gio", "khi nao", "o dau", "tuong lai",
            "thang sau", "thang toi", "nam sau", "nam toi", "quy sau", "quy toi", "ngay mai", "tuan sau", "tuan toi");
    /** Abbreviations officials write (folded) and what they stand for. */
    static final Map<String, String> ABBREVIATIONS = Map.of("tthc", "thu tuc hanh chinh", "dvc", "dich vu cong", "ubnd", "",
            "dvctt", "dich vu cong truc tuyen", "cntt", "cong nghe thong tin", "vbdt", "van ban dien tu", "hs", "ho so");
    /** The home province said without its name. */
    static final List<String> HOME_WORDS = List.of("toan tinh", "ca tinh", "tinh ta", "tinh nha", "tinh minh", "toan dia ban");

    private static final Pattern YEAR_BEFORE = Pattern.compile("(?<![a-z])(so voi\\s+)?cung ky(\\s+nam\\s+(truoc|ngoai))?(?![a-z])");
    private static final Pattern PREVIOUS = Pattern.compile("(?<![a-z])(so voi\\s+(thang|quy|nam|ky|tuan|ngay|hom)\\s+(truoc|qua|ngoai|roi|vua qua)"
            + "|so voi\\s+ky\\s+truoc|tang hay giam|giam hay tang|tang hay la giam|tang giam|xu huong|dien bien|bien dong"
            + "|thay doi(\\s+(the nao|ra sao|nhu the nao))?|co tang khong|co giam khong|tang len hay giam xuong)(?![a-z])");

    private static final List<Object[]> ORDERS = List.of(
            new Object[]{"cao nhat", Question.Order.HIGHEST}, new Object[]{"lon nhat", Question.Order.HIGHEST},
            new Object[]{"nhieu nhat", Question.Order.HIGHEST}, new Object[]{"thap nhat", Question.Order.LOWEST},
            new Object[]{"nho nhat", Question.Order.LOWEST}, new Object[]{"it nhat", Question.Order.LOWEST},
            new Object[]{"tot nhat", Question.Order.BEST}, new Object[]{"dan dau", Question.Order.BEST},
            new Object[]{"dung dau", Question.Order.BEST}, new Object[]{"xuat sac nhat", Question.Order.BEST},
            new Object[]{"kem nhat", Question.Order.WORST}, new Object[]{"te nhat", Question.Order.WORST},
            new Object[]{"yeu nhat", Question.Order.WORST}, new Object[]{"dung cuoi", Question.Order.WORST},
            new Object[]{"dung chot", Question.Order.WORST}, new Object[]{"cuoi bang", Question.Order.WORST},
            new Object[]{"bet bang", Question.Order.WORST}, new Object[]{"chot bang", Question.Order.WORST});
    private static final List<String> RANK_ALL = List.of("bang xep hang", "xep hang", "thu hang", "xep thu tu", "thu tu");
    private static final List<Object[]> GOALS = List.of(
            new Object[]{"chua dat muc tieu", Question.Goal.MISSES_TARGET}, new Object[]{"khong dat muc tieu", Question.Goal.MISSES_TARGET},
            new Object[]{"chua dat chi tieu", Question.Goal.MISSES_TARGET}, new Object[]{"khong dat chi tieu", Question.Goal.MISSES_TARGET},
            new Object[]{"dat muc tieu", Question.Goal.MEETS_TARGET}, new Object[]{"dat chi tieu", Question.Goal.MEETS_TARGET},
            new Object[]{"hoan thanh muc tieu", Question.Goal.MEETS_TARGET}, new Object[]{"hoan thanh chi tieu", Question.Goal.MEETS_TARGET},
            new Object[]{"chua dat", Question.Goal.RED}, new Object[]{"khong dat", Question.Goal.RED}, new Object[]{"mau do", Question.Goal.RED},
            new Object[]{"can co gang", Question.Goal.AMBER}, new Object[]{"mau vang", Question.Goal.AMBER},
            new Object[]{"dat", Question.Goal.GREEN}, new Object[]{"mau xanh", Question.Goal.GREEN});
    private static final List<String> COUNT_WORDS = List.of("bao nhieu", "may", "so", "so luong", "dem");

    /** Violation types of the event contract (violation.detected) and the words for them. */
    static final Map<String, List<String>> VIOLATION_WORDS = Map.of(
            "red_light", List.of("vuot den giao thong", "vuot den do", "vuot den", "den do"),
            "lane", List.of("di sai lan", "sai lan", "lan duong", "lan lan", "lan lan duong"),
            "wrong_way", List.of("di nguoc chieu", "nguoc chieu"),
            "speeding", List.of("qua toc do", "vuot toc do", "chay qua toc do", "toc do"));
    static final List<String> VIOLATION_GENERIC = List.of("vi pham giao thong", "vi pham", "loi vi pham", "vu vi pham", "vu", "loi");
    static final List<String> CONGESTION_WORDS = List.of("un tac giao thong", "un tac", "tac duong", "ket xe", "tac nghen", "tac", "lan", "phut", "dot", "vu", "giao thong");
    static final List<String> FLOW_WORDS = List.of("luu luong xe", "luu luong giao thong", "luu luong", "luot xe", "luot phuong tien", "phuong tien",
            "luot", "xe qua", "so xe", "xe", "qua", "camera", "nut giao", "giao thong");

    private final IndicatorCatalog catalog;
    private final IndicatorNames indicators;
    private final UnitNames units;
    private final AdminUnit home;

    QuestionParser(IndicatorCatalog catalog, IndicatorNames indicators, UnitNames units, AdminUnit home) {
        this.catalog = catalog;
        this.indicators = indicators;
        this.units = units;
        this.home = home;
    }

    Question parse(String question, LocalDate today) {
        if (question == null || question.isBlank()) return Question.notUnderstood("câu hỏi trống", examples());
        if (question.length() > MAX_LENGTH) return Question.notUnderstood("câu hỏi dài quá " + MAX_LENGTH + " ký tự", examples());
        String folded = " " + VietText.fold(question) + " ";
        for (Map.Entry<String, String> a : ABBREVIATIONS.entrySet()) folded = folded.replace(" " + a.getKey() + " ", " " + a.getValue() + " ");
        StringBuilder text = new StringBuilder(folded);
        for (String n : NOT_FIGURES) {
            if (Pattern.compile("(?<![a-z])" + n + "(?![a-z])").matcher(text).find())
                return Question.notUnderstood("trợ lý chỉ trả lời số liệu đã có (giá trị, xếp hạng, so sánh, diễn biến), không trả lời '"
                        + n + "'", examples());
        }
        Question.Against against = null;
        if (blank(text, YEAR_BEFORE)) against = Question.Against.YEAR_BEFORE;
        if (blank(text, PREVIOUS) && against == null) against = Question.Against.PREVIOUS;
        List<PeriodExpressions.Found> periods;
        try {
            periods = PeriodExpressions.extract(text, today);
        } catch (IllegalArgumentException e) {
            return Question.notUnderstood("thời gian không có thật trong lịch: " + e.getMessage(), examples());
        }
        if (periods.size() > 1) return Question.notUnderstood("câu hỏi nêu nhiều kỳ cùng lúc; hãy hỏi từng kỳ", examples());
        AskedPeriod period = periods.isEmpty() ? null : periods.get(0).period();

        List<String> tokens = new ArrayList<>(List.of(text.toString().trim().split("\\s+")));
        if (tokens.size() == 1 && tokens.get(0).isEmpty()) tokens.clear();
        boolean[] used = new boolean[tokens.size()];
        List<UnitNames.Ambiguous> ambiguous = new ArrayList<>();
        List<UnitNames.Named> named = units.find(tokens, used, question, ambiguous, this::common);
        if (!ambiguous.isEmpty()) {
            UnitNames.Ambiguous a = ambiguous.get(0);
            List<String> which = a.units().stream().map(u -> u.name() + " (" + parentName(u) + ")").toList();
            return Question.notUnderstood("'" + a.said() + "' là tên của nhiều đơn vị: " + String.join(", ", which) + "; hãy nói rõ đơn vị nào",
                    a.units().stream().map(u -> question.replaceAll("(?i)" + Pattern.quote(a.said()), u.name())).limit(3).toList());
        }
        List<AdminUnit> unitList = new ArrayList<>();
        boolean homeSaid = false;
        for (String h : HOME_WORDS) homeSaid |= consume(tokens, used, h);
        if (homeSaid && named.isEmpty()) unitList.add(home);
        for (UnitNames.Named n : named) if (!unitList.contains(n.unit())) unitList.add(n.unit());
        // "xã Sơn Giang, huyện Sơn Hà": the district only says where the commune lies
        unitList.removeIf(a -> unitList.stream().anyMatch(b -> b != a && units.isWithin(b.code(), a.code())));

        Question.Order order = null;
        for (Object[] o : ORDERS) if (consume(tokens, used, (String) o[0])) order = order == null ? (Question.Order) o[1] : order;
        boolean rankAll = false;
        for (String r : RANK_ALL) rankAll |= consume(tokens, used, r);
        int top = 0;
        for (int k = 0; k + 1 < tokens.size(); k++) {
            if (!used[k] && tokens.get(k).equals("top") && !used[k + 1] && number(tokens.get(k + 1)) > 0) {
                top = number(tokens.get(k + 1));
                used[k] = used[k + 1] = true;
            }
        }
        // the level asked about ("huyện nào", "bao nhiêu xã", "3 xã", "các đơn vị")
        Level level = null;
        boolean levelSaid = false, countAsked = false, which = false;
        for (int k = 0; k < tokens.size(); k++) {
            if (used[k]) continue;
            String two = k + 1 < tokens.size() && !used[k + 1] ? tokens.get(k) + " " + tokens.get(k + 1) : null;
            int len = 0;
            Level l = null;
            if (two != null && (LEVEL_WORDS.containsKey(two) || ANY_LEVEL.contains(two))) {
                len = 2;
                l = LEVEL_WORDS.get(two);
            } else if (LEVEL_WORDS.containsKey(tokens.get(k)) || ANY_LEVEL.contains(tokens.get(k))) {
                len = 1;
                l = LEVEL_WORDS.get(tokens.get(k));
            }
            if (len == 0) continue;
            levelSaid = true;
            if (l != null) level = l;
            for (int j = k; j < k + len; j++) used[j] = true;
            int after = k + len;
            if (after < tokens.size() && !used[after] && tokens.get(after).equals("nao")) {
                which = true;
                used[after] = true;
            }
            int before = k - 1;
            if (before >= 0 && !used[before] && tokens.get(before).equals("cac")) used[before] = true;
            before = k - 1;
            while (before >= 0 && used[before] && tokens.get(before).equals("cac")) before--;
            if (before >= 0 && !used[before]) {
                String b = tokens.get(before), b2 = before >= 1 && !used[before - 1] ? tokens.get(before - 1) + " " + b : null;
                if (b2 != null && COUNT_WORDS.contains(b2)) {
                    countAsked = true;
                    used[before] = used[before - 1] = true;
                } else if (COUNT_WORDS.contains(b) && !(b.equals("so") && before >= 1 && Set.of("ho", "ky", "chu").contains(tokens.get(before - 1)))) {
                    countAsked = true;
                    used[before] = true;
                } else if (number(b) > 0 && top == 0) {
                    top = number(b);
                    used[before] = true;
                }
            }
            k = after - 1;
        }
        Question.Goal goal = null;
        if (countAsked) for (Object[] g : GOALS) if (goal == null && consume(tokens, used, (String) g[0])) goal = (Question.Goal) g[1];
        boolean compareSaid = consume(tokens, used, "so sanh");

        // the indicator, or else a traffic figure
        List<IndicatorNames.Match> ranked = indicators.rank(tokens, used);
        IndicatorNames.Match best = ranked.isEmpty() ? null : ranked.get(0);
        double second = ranked.size() > 1 ? ranked.get(1).score() : 0;
        Question.Traffic traffic = traffic(tokens, used, best != null && best.score() >= 0.999 && best.score() - second >= MARGIN);
        Indicator indicator = null;
        if (traffic == null && best != null && best.score() >= ENOUGH) {
            if (best.score() - second < MARGIN) {
                return Question.notUnderstood("câu hỏi có thể nói về nhiều chỉ số; hãy nêu rõ tên chỉ số",
                        ranked.stream().limit(3).map(m -> suggestion(m.indicator())).toList());
            }
            indicator = best.indicator();
            for (int k : best.tokens()) used[k] = true;
        }
        if (indicator == null && traffic == null) {
            List<String> close = ranked.stream().filter(m -> m.score() > 0.2).limit(3).map(m -> suggestion(m.indicator())).toList();
            return Question.notUnderstood("không nhận ra chỉ số hay số liệu giao thông nào trong câu hỏi", close.isEmpty() ? examples() : close);
        }

        // every word must be accounted for
        Set<String> known = new LinkedHashSet<>(FILLER);
        if (indicator != null) known.addAll(indicators.vocabulary(indicator.id()));
        List<String> unknown = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            if (used[k] || known.contains(tokens.get(k))) continue;
            if (UnitNames.KINDS.containsKey(tokens.get(k))) {
                unknown.add(tokens.get(k) + (k + 1 < tokens.size() ? " " + tokens.get(k + 1) : ""));
                continue;
            }
            unknown.add(tokens.get(k));
        }
        if (!unknown.isEmpty()) {
            String what = indicator != null ? suggestion(indicator) : null;
            return Question.notUnderstood("không hiểu: " + String.join(", ", new LinkedHashSet<>(unknown)),
                    what != null ? List.of(what) : examples());
        }

        boolean periodGiven = period != null;
        if (traffic != null) {
            if (unitList.size() > 2) return Question.notUnderstood("hãy hỏi tối đa hai đơn vị một lần", examples());
            return new Question(Question.Intent.TRAFFIC, null, traffic, unitList, period, periodGiven, level, null, 0, null, against, null, List.of());
        }
        Question.Intent intent;
        if (countAsked) intent = Question.Intent.COUNT;
        else if (order != null || which || rankAll && unitList.isEmpty() || top > 0) intent = Question.Intent.RANKING;
        else if (against != null) intent = Question.Intent.TREND;
        else if (unitList.size() == 2 || compareSaid) intent = Question.Intent.COMPARE;
        else intent = Question.Intent.VALUE;
        if (intent == Question.Intent.COMPARE && unitList.size() != 2)
            return Question.notUnderstood("so sánh cần đúng hai đơn vị", List.of(suggestion(indicator)));
        if (intent != Question.Intent.COMPARE && unitList.size() > 1)
            return Question.notUnderstood("câu hỏi nêu nhiều đơn vị; hãy hỏi từng đơn vị hoặc so sánh hai đơn vị", List.of(suggestion(indicator)));
        if (intent == Question.Intent.RANKING && order == null) order = Question.Order.BEST;
        if (intent == Question.Intent.RANKING && top == 0) top = rankAll ? Integer.MAX_VALUE : 1;
        if (intent == Question.Intent.COUNT && goal == null) goal = Question.Goal.GREEN;
        if (intent == Question.Intent.VALUE && levelSaid && unitList.isEmpty() && level != null)
            return Question.notUnderstood("chưa rõ hỏi về đơn vị nào", List.of(suggestion(indicator)));
        return new Question(intent, indicator, null, unitList, period, periodGiven, level, order, top, goal, against, null, List.of());
    }

    /** Words too common to be a mistyped place name ("tình hình" is not "Tịnh Minh", "hành chính" not "Hành Thịnh"). */
    boolean common(String word) {
        return FILLER.contains(word) || indicators.anyVocabulary(word) || LEVEL_WORDS.containsKey(word) || UnitNames.KINDS.containsKey(word);
    }

    /** Traffic words among the free tokens; {@code indicatorSure}: an indicator name was said in full, which wins. */
    private static Question.Traffic traffic(List<String> tokens, boolean[] used, boolean indicatorSure) {
        if (indicatorSure) return null;
        boolean[] trial = used.clone();
        List<String> types = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(VIOLATION_WORDS).entrySet()) {
            for (String w : e.getValue()) {
                if (consume(tokens, trial, w) && !types.contains(e.getKey())) types.add(e.getKey());
            }
        }
        boolean generic = false;
        boolean[] beforeGeneric = trial.clone();
        for (String w : VIOLATION_GENERIC) generic |= consume(tokens, trial, w);
        String what = null;
        if (!types.isEmpty() || generic) what = "violations";
        boolean congestion = false;
        for (String w : List.of("un tac giao thong", "un tac", "tac duong", "ket xe", "tac nghen")) congestion |= consume(tokens, trial, w);
        boolean flow = false;
        for (String w : List.of("luu luong xe", "luu luong giao thong", "luu luong", "luot xe", "luot phuong tien")) flow |= consume(tokens, trial, w);
        if (!flow && !congestion && what == null) {
            // "bao nhiêu xe qua" without a violation word
            boolean[] t2 = used.clone();
            if (consume(tokens, t2, "xe qua") || consume(tokens, t2, "so xe") || consume(tokens, t2, "phuong tien")) {
                flow = true;
                System.arraycopy(t2, 0, trial, 0, trial.length);
            }
        }
        if (types.isEmpty() && generic && (congestion || flow)) { // "bao nhiêu vụ ùn tắc": the words were congestion's
            generic = false;
            what = null;
            System.arraycopy(beforeGeneric, 0, trial, 0, trial.length);
            for (String w : List.of("un tac giao thong", "un tac", "tac duong", "ket xe", "tac nghen", "luu luong xe", "luu luong giao thong",
                    "luu luong", "luot xe", "luot phuong tien")) consume(tokens, trial, w);
        }
        int kinds = (what != null ? 1 : 0) + (congestion ? 1 : 0) + (flow ? 1 : 0);
        if (kinds != 1) return null;
        if (congestion) {
            what = "congestion";
            for (String w : CONGESTION_WORDS) while (consume(tokens, trial, w)) ;
        } else if (flow) {
            what = "flow";
            for (String w : FLOW_WORDS) while (consume(tokens, trial, w)) ;
        } else {
            for (String w : List.of("camera", "xe", "phuong tien")) while (consume(tokens, trial, w)) ;
        }
        while (consume(tokens, trial, "giao thong")) ;
        System.arraycopy(trial, 0, used, 0, used.length);
        return new Question.Traffic(what, types);
    }

    /** Marks a phrase found among the unused tokens (words in a row) as used. */
    static boolean consume(List<String> tokens, boolean[] used, String phrase) {
        String[] words = phrase.split(" ");
        outer:
        for (int i = 0; i + words.length <= tokens.size(); i++) {
            for (int j = 0; j < words.length; j++) if (used[i + j] || !tokens.get(i + j).equals(words[j])) continue outer;
            for (int j = 0; j < words.length; j++) used[i + j] = true;
            return true;
        }
        return false;
    }

    private static boolean blank(StringBuilder text, Pattern p) {
        Matcher m = p.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            for (int i = m.start(); i < m.end(); i++) text.setCharAt(i, ' ');
        }
        return any;
    }

    static int number(String word) {
        if (word.matches("\\d{1,2}")) return Integer.parseInt(word);
        Integer n = PeriodExpressions.NUMBER_WORDS.get(word);
        return n == null || word.matches("i+|iv") ? 0 : n;
    }

    private String parentName(AdminUnit u) {
        AdminUnit p = u.parentCode() == null ? null : units.unit(u.parentCode());
        return p == null ? u.level().vi : p.name();
    }

    /** A question the assistant would understand about this indicator. */
    String suggestion(Indicator i) {
        return i.nameVi() + " của " + home.name() + " là bao nhiêu?";
    }

    List<String> examples() {
        List<String> out = new ArrayList<>();
        for (Indicator i : catalog.all()) {
            if (out.size() >= 3) break;
            out.add(suggestion(i));
        }
        return out;
    }
}
