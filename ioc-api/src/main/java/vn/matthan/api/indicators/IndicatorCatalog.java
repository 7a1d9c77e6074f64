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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The versioned indicator catalog ({@code config/indicators.yaml}), read by the shared strict loader. Loading checks
 * every entry and names each problem with its line and field ({@code indicators[i].thresholds.province.red}), so a
 * wrong threshold is refused instead of colouring the map wrongly.
 */
public final class IndicatorCatalog {
    private final String version;
    private final Map<String, Indicator> byId;

    public IndicatorCatalog(String version, List<Indicator> indicators) {
        this(version, indicators, Map.of());
    }

    /** @param aliases other names people use for an indicator (by id), e.g. "hồ sơ trực tuyến" */
    public IndicatorCatalog(String version, List<Indicator> indicators, Map<String, List<String>> aliases) {
        this.version = version;
        this.aliases = Map.copyOf(aliases);
        Map<String, Indicator> m = new LinkedHashMap<>();
        for (Indicator i : indicators) m.put(i.id(), i);
        this.byId = Map.copyOf(m);
        this.order = List.copyOf(m.keySet());
    }

    private final List<String> order;
    private final Map<String, List<String>> aliases;

    /** The other names the catalog gives an indicator (for the leaders' assistant); empty when none. */
    public List<String> aliases(String id) {
        return aliases.getOrDefault(id, List.of());
    }

    public String version() {
        return version;
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
        @NotNull(message = "required")
        @Size(min = 1, message = "must be a non-empty list")
        public List<JsonNode> indicators;
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
        /** Per tier (province, district, commune) or {@code default} for tiers not listed. */
        @NotNull(message = "required: at least one tier (or default)")
        @Size(min = 1, message = "must give at least one tier (or default)")
        public Map<String, @NotNull(message = "required") @Valid ThresholdEntry> thresholds;
    }

    public static final class ThresholdEntry {
        @NotNull(message = "required")
        public Double target;
        @NotNull(message = "required")
        public Double green;
        @NotNull(message = "required")
        public Double red;
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
        List<Indicator> out = new ArrayList<>();
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
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
            Map<Level, Thresholds> byLevel = new EnumMap<>(Level.class);
            Thresholds fallback = null;
            if (e.thresholds != null) {
                for (Map.Entry<String, ThresholdEntry> t : e.thresholds.entrySet()) {
                    String tw = at + ".thresholds." + t.getKey();
                    ThresholdEntry te = t.getValue();
                    if (te == null || te.target == null || te.green == null || te.red == null) continue; // named above
                    Thresholds th = new Thresholds(te.target, te.green, te.red);
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
            }
            if (problems.size() == before) {
                out.add(new Indicator(e.id, e.nameVi, e.nameEn, e.unit, higher, enumOf(Indicator.Aggregation.class, e.aggregation),
                        e.scale, min, max, enumOf(Indicator.Source.class, e.source), e.note, byLevel, fallback));
                if (e.aliases != null && !e.aliases.isEmpty()) aliases.put(e.id, List.copyOf(e.aliases));
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new IndicatorCatalog(f.version, out, aliases);
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
