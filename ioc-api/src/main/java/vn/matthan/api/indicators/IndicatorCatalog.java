package vn.matthan.api.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The versioned indicator catalog ({@code config/indicators.yaml}), read by the shared strict loader. Loading checks
 * every entry and names each problem with its line and field ({@code indicators[i].thresholds.province.red}), so a
 * wrong threshold is refused instead of colouring the map wrongly. Besides the indicators it holds the documents'
 * targets (a threshold may cite one only when both measure the same thing), goals counted from the units' statuses,
 * and a changelog headed by the catalog's version.
 */
public final class IndicatorCatalog {
    private final String version;
    private final Map<String, Indicator> byId;
    private final List<String> order;
    private final Map<String, Target> targets;
    private final List<Goal> goals;
    private final List<CatalogChange> changelog;

    public IndicatorCatalog(String version, List<Indicator> indicators) {
        this(version, indicators, List.of(), List.of(), List.of(), Map.of());
    }

    /** @param aliases other names people use for an indicator (by id), e.g. "hồ sơ trực tuyến" */
    public IndicatorCatalog(String version, List<Indicator> indicators, List<Target> targets, List<Goal> goals, List<CatalogChange> changelog,
                            Map<String, List<String>> aliases) {
        this.version = version;
        this.aliases = Map.copyOf(aliases);
        Map<String, Indicator> m = new LinkedHashMap<>();
        for (Indicator i : indicators) m.put(i.id(), i);
        this.byId = Map.copyOf(m);
        this.order = List.copyOf(m.keySet());
        Map<String, Target> t = new LinkedHashMap<>();
        for (Target x : targets) t.put(x.id(), x);
        this.targets = Collections.unmodifiableMap(t);
        this.goals = List.copyOf(goals);
        this.changelog = List.copyOf(changelog);
    }

    private final Map<String, List<String>> aliases;

    /** The other names the catalog gives an indicator (for the leaders' assistant); empty when none. */
    public List<String> aliases(String id) {
        return aliases.getOrDefault(id, List.of());
    }

    public String version() {
        return version;
    }

    /** The documents' targets, in catalog order. */
    public Collection<Target> targets() {
        return targets.values();
    }

    public Optional<Target> target(String id) {
        return Optional.ofNullable(targets.get(id));
    }

    public List<Goal> goals() {
        return goals;
    }

    /** Newest first; empty for a catalog written before changelogs. */
    public List<CatalogChange> changelog() {
        return changelog;
    }

    /** The newest changelog entry that touched the indicator, if any. */
    public Optional<CatalogChange> lastChange(String indicatorId) {
        return changelog.stream().filter(c -> c.indicators().contains(indicatorId)).findFirst();
    }

    public Optional<Indicator> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Indicator> all() {
        return order.stream().map(byId::get).toList();
    }

    /** {@code config/indicators.yaml} as written; each indicator is bound on its own so that all mistakes are named. */
    public static final class File {
        @NotBlank(message = "required")
        public String version;
        /** Newest first; when given, its first entry is {@code version}. */
        public List<JsonNode> changelog = List.of();
        public List<JsonNode> targets = List.of();
        public List<JsonNode> goals = List.of();
        @NotNull(message = "required")
        @Size(min = 1, message = "must be a non-empty list")
        public List<JsonNode> indicators;
    }

    public static final class ChangeEntry {
        @NotBlank(message = "required")
        public String version;
        @NotNull(message = "required: YYYY-MM-DD")
        @jakarta.validation.constraints.Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "'${validatedValue}' must be YYYY-MM-DD")
        public String date;
        @NotBlank(message = "required")
        public String summaryVi;
        @NotBlank(message = "required")
        public String summaryEn;
        /** The indicators whose definition, target or thresholds this version changed. */
        public List<String> indicators = List.of();
    }

    /** A document's target as written. */
    public static final class TargetEntry {
        @NotNull(message = "required")
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String id;
        @NotBlank(message = "required")
        public String document;
        /** The document's own words. */
        @NotBlank(message = "required")
        public String wordingVi;
        /** False while the wording is a faithful name not yet compared with the document's text. */
        public boolean wordingConfirmed = false;
        @NotNull(message = "required")
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String measures;
        /** The period the document sets the target from (2025, 2025-Q1, 2025-07). */
        public String appliesFrom;
        /** ">" (more than) or ">=" (at least); "<" / "<=" for lower-is-better measures. */
        @jakarta.validation.constraints.Pattern(regexp = ">|>=|<|<=", message = "'${validatedValue}' must be >, >=, < or <=")
        public String comparison = ">=";
        /** The figure per tier; absent while the figure awaits confirmation. */
        public Map<String, @NotNull(message = "required") Double> levels = Map.of();
        public String note;
    }

    public static final class GoalEntry {
        @NotNull(message = "required")
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String id;
        @NotBlank(message = "required")
        public String nameVi;
        @NotBlank(message = "required")
        public String nameEn;
        @NotBlank(message = "required")
        public String indicator;
        @NotNull(message = "required: province, district or commune")
        @jakarta.validation.constraints.Pattern(regexp = "province|district|commune", message = "'${validatedValue}' must be province, district or commune")
        public String level;
        @Positive(message = "${validatedValue} must be positive")
        public Integer requiredCount;
        @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false, message = "${validatedValue} must be above 0")
        @jakarta.validation.constraints.DecimalMax(value = "100", message = "${validatedValue} must be at most 100")
        public Double requiredShare;
        public String note;
    }

    /** One indicator as written: each key with its default and constraints. */
    public static final class Entry {
        @NotNull(message = "required")
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String id;
        @NotBlank(message = "required")
        public String nameVi;
        @NotBlank(message = "required")
        public String nameEn;
        @NotBlank(message = "required")
        public String unit;
        /** Which way is better. */
        @NotNull(message = "required: higher or lower")
        @jakarta.validation.constraints.Pattern(regexp = "higher|lower", message = "'${validatedValue}' must be higher or lower")
        public String direction;
        /** From children to parent: ratio (sum of numerators / sum of denominators × scale), sum, mean, max, none. */
        @NotNull(message = "required: ratio, sum, mean, max or none")
        @jakarta.validation.constraints.Pattern(regexp = "ratio|sum|mean|max|none", message = "'${validatedValue}' must be one of ratio, sum, mean, max, none")
        public String aggregation;
        /** A ratio's value is numerator / denominator × scale (100 for a percentage). */
        @Positive(message = "${validatedValue} must be positive")
        public double scale = 1;
        /** [min, max] of a valid value. */
        @NotNull(message = "required: [min, max]")
        public List<Double> range;
        @NotNull(message = "required: imported or computed")
        @jakarta.validation.constraints.Pattern(regexp = "imported|computed", message = "'${validatedValue}' must be imported or computed")
        public String source;
        public String note;
        /** Other names leaders use for it (Vietnamese), read by the assistant besides name_vi. */
        public List<@NotBlank(message = "must not be empty") String> aliases = List.of();
        /** What the source table measures (default: the indicator's id); compared with a cited target's. */
        @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "'${validatedValue}' must be lower-case words joined by '-'")
        public String measures;
        /** How the value is computed, in words. */
        public String definition;
        /** Where the values come from. */
        public String sourceTable;
        /** Per tier (province, district, commune) or {@code default} for tiers not listed; none: no target, no colour. */
        public Map<String, @NotNull(message = "required") @Valid ThresholdEntry> thresholds = Map.of();
    }

    public static final class ThresholdEntry {
        @NotNull(message = "required")
        public Double target;
        @NotNull(message = "required")
        public Double green;
        @NotNull(message = "required")
        public Double red;
        /** The id of the catalog target these limits come from. */
        public String cites;
    }

    /**
     * Reads and checks the catalog.
     *
     * @throws ConfigException naming every mistake with file, line and field ({@code indicators[i].field})
     */
    public static IndicatorCatalog load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("indicator catalog " + file + " does not exist");
        ConfigFile yaml = ConfigFile.read(file);
        File f = yaml.bind("", File.class);
        List<String> problems = new ArrayList<>();
        List<CatalogChange> changelog = changelog(yaml, f, problems);
        Map<String, Target> targets = targets(yaml, f, problems);
        List<Indicator> out = new ArrayList<>();
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        Set<String> measured = new HashSet<>();
        for (int n = 0; n < f.indicators.size(); n++) {
            String at = "indicators[" + n + "]";
            int before = problems.size();
            Entry e = yaml.bind(at, Entry.class, problems);
            if (e == null) continue;
            if (e.id != null && seen.putIfAbsent(e.id, at) != null) {
                problems.add(yaml.problem(at + ".id", "'" + e.id + "' is used twice (first at " + seen.get(e.id) + ")"));
            }
            double min = 0, max = Double.MAX_VALUE;
            if (e.range != null) {
                if (e.range.size() == 2 && !e.range.contains(null) && e.range.get(0) < e.range.get(1)) {
                    min = e.range.get(0);
                    max = e.range.get(1);
                } else {
                    problems.add(yaml.problem(at + ".range", "must be [min, max] with min < max"));
                }
            }
            boolean higher = "higher".equals(e.direction);
            String measures = e.measures != null ? e.measures : e.id;
            measured.add(measures);
            Map<Level, Thresholds> byLevel = new EnumMap<>(Level.class);
            Thresholds fallback = null;
            for (Map.Entry<String, ThresholdEntry> t : e.thresholds.entrySet()) {
                String tw = at + ".thresholds." + t.getKey();
                ThresholdEntry te = t.getValue();
                if (te == null || te.target == null || te.green == null || te.red == null) continue; // named above
                boolean strict = false;
                if (te.cites != null) {
                    Target cited = targets.get(te.cites);
                    strict = cited != null && cited.strict();
                    checkCitation(yaml, e, measures, higher, t.getKey(), te, cited, targets, tw, problems);
                }
                Thresholds th = new Thresholds(te.target, te.green, te.red, strict, te.cites);
                if (higher || "lower".equals(e.direction)) checkThresholds(yaml, th, higher, min, max, tw, problems);
                if (t.getKey().equals("default")) {
                    fallback = th;
                } else {
                    try {
                        byLevel.put(Level.of(t.getKey()), th);
                    } catch (IllegalArgumentException x) {
                        problems.add(yaml.problem(tw, x.getMessage()));
                    }
                }
            }
            if (problems.size() == before) {
                out.add(new Indicator(e.id, e.nameVi, e.nameEn, e.unit, higher, enumOf(Indicator.Aggregation.class, e.aggregation),
                        e.scale, min, max, enumOf(Indicator.Source.class, e.source), e.note, byLevel, fallback, measures,
                        e.definition, e.sourceTable));
                if (e.aliases != null && !e.aliases.isEmpty()) aliases.put(e.id, List.copyOf(e.aliases));
            }
        }
        // A target nothing measures would sit on no indicator: the map could never show how far it is.
        int n = 0;
        for (Target t : targets.values()) {
            if (!measured.contains(t.measures())) {
                problems.add(yaml.problem("targets[" + n + "].measures", "no indicator measures '" + t.measures() + "' (target '" + t.id()
                        + "' would sit on no indicator)"));
            }
            n++;
        }
        List<Goal> goals = goals(yaml, f, out, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new IndicatorCatalog(f.version, out, List.copyOf(targets.values()), goals, changelog, aliases);
    }

    /**
     * A threshold citing a target must measure what the target measures, take the target's figure for its tier, and
     * call green exactly that figure: a colour drawn against a target written for something else does harm.
     */
    private static void checkCitation(ConfigFile yaml, Entry e, String measures, boolean higher, String tier, ThresholdEntry te,
                                      Target cited, Map<String, Target> targets, String where, List<String> problems) {
        if (cited == null) {
            problems.add(yaml.problem(where + ".cites", "indicator '" + e.id + "' cites unknown target '" + te.cites + "' (known: "
                    + String.join(", ", targets.keySet()) + ")"));
            return;
        }
        if (!cited.measures().equals(measures)) {
            problems.add(yaml.problem(where + ".cites", "indicator '" + e.id + "' measures '" + measures + "' but its thresholds cite target '"
                    + cited.id() + "', which measures '" + cited.measures() + "': a target applies only to the measure it was written for"));
            return;
        }
        if (higher != cited.higherIsBetter()) {
            problems.add(yaml.problem(where + ".cites", "indicator '" + e.id + "' is " + (higher ? "higher" : "lower")
                    + " is better but target '" + cited.id() + "' asks for a value " + (higher ? "below" : "above") + " its figure"));
            return;
        }
        Double figure = figure(cited, tier);
        if (figure == null) {
            problems.add(yaml.problem(where + ".cites", "indicator '" + e.id + "': target '" + cited.id() + "' has no confirmed figure for "
                    + tier + (cited.levels().isEmpty() ? " (awaiting confirmation)" : " (it gives " + cited.levels().keySet().stream()
                    .map(Level::key).toList() + ")")));
            return;
        }
        if (te.target.doubleValue() != figure) {
            problems.add(yaml.problem(where + ".target", "indicator '" + e.id + "': " + te.target + " differs from the figure of the cited target '"
                    + cited.id() + "' for " + tier + " (" + figure + ")"));
        } else if (te.green.doubleValue() != figure) {
            problems.add(yaml.problem(where + ".green", "indicator '" + e.id + "': green (" + te.green + ") must be the cited target's figure ("
                    + figure + "), so that green means the target is reached"));
        }
    }

    /** The target's figure for a tier; for {@code default}, its one figure when every tier it names has the same. */
    private static Double figure(Target t, String tier) {
        if (!tier.equals("default")) {
            try {
                return t.levels().get(Level.of(tier));
            } catch (IllegalArgumentException x) {
                return null;
            }
        }
        List<Double> distinct = t.levels().values().stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : null;
    }

    private static Map<String, Target> targets(ConfigFile yaml, File f, List<String> problems) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (int n = 0; n < f.targets.size(); n++) {
            String at = "targets[" + n + "]";
            int before = problems.size();
            TargetEntry t = yaml.bind(at, TargetEntry.class, problems);
            if (t == null) continue;
            if (t.id != null && out.containsKey(t.id)) problems.add(yaml.problem(at + ".id", "'" + t.id + "' is used twice"));
            if (t.appliesFrom != null) {
                try {
                    Period.parse(t.appliesFrom);
                } catch (IllegalArgumentException x) {
                    problems.add(yaml.problem(at + ".applies_from", x.getMessage()));
                }
            }
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            for (Map.Entry<String, Double> l : t.levels.entrySet()) {
                try {
                    levels.put(Level.of(l.getKey()), l.getValue());
                } catch (IllegalArgumentException x) {
                    problems.add(yaml.problem(at + ".levels." + l.getKey(), x.getMessage()));
                }
            }
            if (problems.size() == before) {
                out.put(t.id, new Target(t.id, t.document, t.wordingVi, t.wordingConfirmed, t.measures, t.appliesFrom, t.comparison,
                        levels, t.note));
            }
        }
        return out;
    }

    private static List<Goal> goals(ConfigFile yaml, File f, List<Indicator> indicators, List<String> problems) {
        List<Goal> out = new ArrayList<>();
        for (int n = 0; n < f.goals.size(); n++) {
            String at = "goals[" + n + "]";
            int before = problems.size();
            GoalEntry g = yaml.bind(at, GoalEntry.class, problems);
            if (g == null) continue;
            if (g.requiredCount != null && g.requiredShare != null) {
                problems.add(yaml.problem(at + ".required_share", "give required_count or required_share, not both"));
            }
            Indicator ind = indicators.stream().filter(i -> i.id().equals(g.indicator)).findFirst().orElse(null);
            if (ind == null) {
                problems.add(yaml.problem(at + ".indicator", "goal '" + g.id + "' counts unknown indicator '" + g.indicator + "'"));
            } else if (g.level != null && ind.thresholdsAt(Level.of(g.level)) == null) {
                problems.add(yaml.problem(at + ".level", "goal '" + g.id + "': indicator '" + g.indicator + "' has no target for "
                        + g.level + ", so no unit can reach it"));
            }
            if (problems.size() == before) {
                out.add(new Goal(g.id, g.nameVi, g.nameEn, g.indicator, Level.of(g.level), g.requiredCount, g.requiredShare, g.note));
            }
        }
        return out;
    }

    private static List<CatalogChange> changelog(ConfigFile yaml, File f, List<String> problems) {
        List<CatalogChange> out = new ArrayList<>();
        for (int n = 0; n < f.changelog.size(); n++) {
            String at = "changelog[" + n + "]";
            ChangeEntry c = yaml.bind(at, ChangeEntry.class, problems);
            if (c == null) continue;
            if (out.stream().anyMatch(x -> x.version().equals(c.version))) problems.add(yaml.problem(at + ".version", "'" + c.version + "' is listed twice"));
            out.add(new CatalogChange(c.version, c.date, c.summaryVi, c.summaryEn, List.copyOf(c.indicators)));
        }
        // A new version without its entry would change definitions silently: the panel shows the changelog to leaders.
        if (!out.isEmpty() && !out.get(0).version().equals(f.version)) {
            problems.add(yaml.problem("version", "'" + f.version + "' is not the changelog's newest entry ('" + out.get(0).version()
                    + "'): say what changed in a changelog entry first in the list"));
        }
        return out;
    }

    private static void checkThresholds(ConfigFile yaml, Thresholds t, boolean higher, double min, double max, String where,
                                        List<String> problems) {
        if (higher && t.red() > t.green()) {
            problems.add(yaml.problem(where + ".red", "with higher is better, red (" + t.red() + ") must not exceed green (" + t.green() + ")"));
        }
        if (!higher && t.red() < t.green()) {
            problems.add(yaml.problem(where + ".red", "with lower is better, red (" + t.red() + ") must not be below green (" + t.green() + ")"));
        }
        String[] names = {"target", "green", "red"};
        double[] values = {t.target(), t.green(), t.red()};
        for (int i = 0; i < 3; i++) {
            if (values[i] < min || values[i] > max) {
                problems.add(yaml.problem(where + "." + names[i], values[i] + " lies outside the indicator's range [" + min + ", " + max + "]"));
                break;
            }
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
