package vn.matthan.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A panel's SQL as Grafana's PostgreSQL data source sends it (timescaledb enabled): the time macros expanded for a
 * range, and template variables interpolated the way that data source does it — a multi-value or include-All
 * variable as quoted, comma-separated literals, a single-value one as its raw text.
 */
final class GrafanaQuery {
    /** A variable's current values; {@code quoted} when the variable is multi-value or includes All. */
    record Variable(List<String> values, boolean quoted) {
    }

    private static final Pattern GROUP = Pattern.compile("\\$__timeGroup(Alias)?\\(\\s*([^,]+?)\\s*,\\s*([^)]+?)\\s*\\)");
    private static final Pattern ONE_ARG = Pattern.compile("\\$__(timeFilter|time|timeEpoch)\\(\\s*([^)]+?)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");

    private GrafanaQuery() {
    }

    static String expand(String sql, Instant from, Instant to, Duration interval, Map<String, Variable> variables) {
        String s = sql.replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'");
        Matcher g = GROUP.matcher(s);
        StringBuilder out = new StringBuilder();
        while (g.find()) {
            String bucket = "time_bucket('" + seconds(g.group(3), interval) + "s', " + g.group(2) + ")";
            g.appendReplacement(out, Matcher.quoteReplacement(g.group(1) != null ? bucket + " AS \"time\"" : bucket));
        }
        g.appendTail(out);
        Matcher m = ONE_ARG.matcher(out.toString());
        out = new StringBuilder();
        while (m.find()) {
            String col = m.group(2);
            String r = switch (m.group(1)) {
                case "timeFilter" -> col + " BETWEEN '" + from + "' AND '" + to + "'";
                case "time" -> col + " AS \"time\"";
                default -> "extract(epoch from " + col + ") AS \"time\"";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        s = out.toString().replace("$__interval_ms", String.valueOf(interval.toMillis())).replace("$__interval", interval.toSeconds() + "s");
        Matcher v = VARIABLE.matcher(s);
        out = new StringBuilder();
        while (v.find()) {
            String name = v.group(1) != null ? v.group(1) : v.group(2);
            Variable var = variables.get(name);
            if (var == null) throw new IllegalArgumentException("the query uses variable $" + name + ", which the dashboard does not define");
            String text = var.quoted()
                    ? var.values().stream().map(x -> "'" + x.replace("'", "''") + "'").collect(Collectors.joining(","))
                    : String.join(",", var.values());
            v.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        v.appendTail(out);
        if (out.indexOf("$__") >= 0) throw new IllegalArgumentException("a macro this expander does not know: " + out);
        return out.toString();
    }

    /** '5m', 5m, 1h, 30s or $__interval as seconds. */
    private static long seconds(String arg, Duration interval) {
        String a = arg.replace("'", "").trim();
        if (a.equals("$__interval")) return interval.toSeconds();
        long n = Long.parseLong(a.substring(0, a.length() - 1));
        return switch (a.charAt(a.length() - 1)) {
            case 's' -> n;
            case 'm' -> n * 60;
            case 'h' -> n * 3600;
            case 'd' -> n * 86400;
            default -> throw new IllegalArgumentException("interval " + arg);
        };
    }
}
