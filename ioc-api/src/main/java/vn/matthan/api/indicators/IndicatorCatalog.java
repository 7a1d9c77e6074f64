package vn.matthan.api.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The versioned indicator catalog ({@code config/indicators.yaml}). Loading checks every entry and names each
 * problem with the indicator and field, so a wrong threshold is refused instead of colouring the map wrongly.
 */
public final class IndicatorCatalog {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String version;
    private final Map<String, Indicator> byId;

    public IndicatorCatalog(String version, List<Indicator> indicators) {
        this.version = version;
        Map<String, Indicator> m = new LinkedHashMap<>();
        for (Indicator i : indicators) m.put(i.id(), i);
        this.byId = Map.copyOf(m);
        this.order = List.copyOf(m.keySet());
    }

    private final List<String> order;

    public String version() {
        return version;
    }

    public Optional<Indicator> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Indicator> all() {
        return order.stream().map(byId::get).toList();
    }

    public static IndicatorCatalog load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("indicator catalog " + file + " does not exist");
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("indicator catalog " + file + " is not valid YAML: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        IndicatorCatalog c = parse(root, problems);
        if (!problems.isEmpty()) throw new IllegalArgumentException("indicator catalog " + file + ": " + String.join("; ", problems));
        return c;
    }

    static IndicatorCatalog parse(JsonNode root, List<String> problems) {
        if (root == null || !root.isObject()) {
            problems.add("expected a mapping with 'version' and 'indicators'");
            return null;
        }
        String version = root.path("version").asText("");
        if (version.isBlank()) problems.add("'version' is missing");
        JsonNode list = root.path("indicators");
        if (!list.isArray() || list.isEmpty()) problems.add("'indicators' must be a non-empty list");
        List<Indicator> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int n = 0; n < list.size(); n++) {
            JsonNode e = list.get(n);
            String id = e.path("id").asText("");
            String where = "indicator " + (id.isEmpty() ? "#" + (n + 1) : "'" + id + "'");
            int before = problems.size();
            if (!ID.matcher(id).matches()) problems.add(where + ": 'id' must be lower-case words joined by '-'");
            if (seen.put(id, true) != null) problems.add(where + ": id used twice");
            String nameVi = text(e, "name_vi", where, problems), nameEn = text(e, "name_en", where, problems);
            String unit = text(e, "unit", where, problems);
            String direction = e.path("direction").asText("");
            if (!direction.equals("higher") && !direction.equals("lower")) problems.add(where + ": 'direction' must be higher or lower");
            boolean higher = direction.equals("higher");
            Indicator.Aggregation agg = enumOf(Indicator.Aggregation.class, e.path("aggregation").asText(""), where + ": 'aggregation'", problems);
            Indicator.Source source = enumOf(Indicator.Source.class, e.path("source").asText(""), where + ": 'source'", problems);
            double scale = e.path("scale").asDouble(1);
            if (!(scale > 0)) problems.add(where + ": 'scale' must be positive");
            JsonNode range = e.path("range");
            double min = 0, max = Double.MAX_VALUE;
            if (range.isArray() && range.size() == 2 && range.get(0).isNumber() && range.get(1).isNumber() && range.get(0).asDouble() < range.get(1).asDouble()) {
                min = range.get(0).asDouble();
                max = range.get(1).asDouble();
            } else {
                problems.add(where + ": 'range' must be [min, max] with min < max");
            }
            Map<Level, Thresholds> byLevel = new EnumMap<>(Level.class);
            Thresholds fallback = null;
            JsonNode th = e.path("thresholds");
            if (!th.isObject() || th.isEmpty()) problems.add(where + ": 'thresholds' must give at least one tier (or default)");
            for (var it = th.fields(); it.hasNext(); ) {
                var f = it.next();
                String tw = where + ": thresholds." + f.getKey();
                Thresholds t = thresholds(f.getValue(), higher, min, max, tw, problems);
                if (f.getKey().equals("default")) fallback = t;
                else {
                    try {
                        byLevel.put(Level.of(f.getKey()), t);
                    } catch (IllegalArgumentException x) {
                        problems.add(tw + ": " + x.getMessage());
                    }
                }
            }
            if (problems.size() == before) {
                out.add(new Indicator(id, nameVi, nameEn, unit, higher, agg, scale, min, max, source,
                        e.path("note").asText(null), byLevel, fallback));
            }
        }
        return problems.isEmpty() ? new IndicatorCatalog(version, out) : null;
    }

    private static Thresholds thresholds(JsonNode n, boolean higher, double min, double max, String where, List<String> problems) {
        for (String k : List.of("target", "green", "red")) {
            if (!n.path(k).isNumber()) {
                problems.add(where + ": '" + k + "' must be a number");
                return null;
            }
        }
        Thresholds t = new Thresholds(n.get("target").asDouble(), n.get("green").asDouble(), n.get("red").asDouble());
        if (higher && t.red() > t.green()) problems.add(where + ": with higher is better, red (" + t.red() + ") must not exceed green (" + t.green() + ")");
        if (!higher && t.red() < t.green()) problems.add(where + ": with lower is better, red (" + t.red() + ") must not be below green (" + t.green() + ")");
        for (double v : new double[]{t.target(), t.green(), t.red()}) {
            if (v < min || v > max) {
                problems.add(where + ": " + v + " lies outside the indicator's range");
                break;
            }
        }
        return t;
    }

    private static String text(JsonNode e, String field, String where, List<String> problems) {
        String s = e.path(field).asText("");
        if (s.isBlank()) problems.add(where + ": '" + field + "' is missing");
        return s;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String where, List<String> problems) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name().toLowerCase(Locale.ROOT));
            problems.add(where + " must be one of " + names + ", not '" + value + "'");
            return null;
        }
    }
}
