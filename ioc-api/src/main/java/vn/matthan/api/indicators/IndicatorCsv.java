package vn.matthan.api.indicators;

import vn.matthan.api.csv.CsvLines;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Reads indicator values from CSV: header {@code unit_code,indicator,period,value} with optional {@code numerator},
 * {@code denominator} (then {@code value} may be empty and is computed) and {@code layout} (default: the layout in
 * force for the period). Each bad row is rejected with its line number and reason; the good rows are kept.
 */
public final class IndicatorCsv {
    static final Set<String> REQUIRED = Set.of("unit_code", "indicator", "period");
    static final Set<String> KNOWN = Set.of("unit_code", "indicator", "period", "value", "numerator", "denominator", "layout");
    /** A reported percentage is rounded to 2 decimals; a larger gap means the row contradicts itself. */
    static final double ROUNDING = 0.0051;

    public record Rejected(long line, String reason) {
    }

    public record Report(List<IndicatorValue> accepted, List<Rejected> rejected) {
    }

    private IndicatorCsv() {
    }

    /**
     * @param units      the unit hierarchy of each layout
     * @param mayWrite   whether the importing user may write values of this unit of that layout (jurisdiction)
     */
    public static Report read(String text, IndicatorCatalog catalog, Map<String, AdminUnits> units, BiPredicate<AdminUnits, AdminUnit> mayWrite) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (Reader r = new StringReader(body);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .setIgnoreEmptyLines(true).get().parse(r)) {
            List<String> header = p.getHeaderNames();
            for (String h : REQUIRED) if (!header.contains(h)) throw new IllegalArgumentException("the header lacks column '" + h + "'");
            for (String h : header) {
                if (!KNOWN.contains(h)) throw new IllegalArgumentException("unknown column '" + h + "' (known: " + KNOWN + ")");
            }
            if (!header.contains("value") && !(header.contains("numerator") && header.contains("denominator")))
                throw new IllegalArgumentException("give a 'value' column, or 'numerator' and 'denominator'");
            List<IndicatorValue> ok = new ArrayList<>();
            List<Rejected> bad = new ArrayList<>();
            Map<String, Long> firstLine = new HashMap<>();
            CsvLines lines = new CsvLines(body);
            for (CSVRecord rec : p) {
                long line = lines.at(rec.getCharacterPosition());
                try {
                    IndicatorValue v = row(rec, catalog, units, mayWrite);
                    Long first = firstLine.putIfAbsent(v.indicatorId() + "|" + v.layout() + "|" + v.unitCode() + "|" + v.period(), line);
                    if (first != null) throw new IllegalArgumentException("unit " + v.unitCode() + " already has " + v.indicatorId()
                            + " for " + v.period() + " on line " + first);
                    ok.add(v);
                } catch (IllegalArgumentException e) {
                    bad.add(new Rejected(line, e.getMessage()));
                }
            }
            return new Report(ok, bad);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not readable as CSV: " + e.getMessage());
        }
    }

    private static IndicatorValue row(CSVRecord rec, IndicatorCatalog catalog, Map<String, AdminUnits> units, BiPredicate<AdminUnits, AdminUnit> mayWrite) {
        if (!rec.isConsistent()) throw new IllegalArgumentException("expected " + rec.getParser().getHeaderNames().size()
                + " fields, found " + rec.size());
        String id = field(rec, "indicator");
        Indicator ind = catalog.find(id).orElseThrow(() -> new IllegalArgumentException("unknown indicator '" + id + "'"));
        if (ind.source() == Indicator.Source.COMPUTED)
            throw new IllegalArgumentException("indicator '" + id + "' is computed from the cameras and cannot be imported");
        Period period = Period.parse(field(rec, "period"));
        String layout = field(rec, "layout");
        if (layout.isEmpty()) layout = period.layoutInForce();
        AdminUnits tree = units.get(layout);
        if (tree == null) throw new IllegalArgumentException("unknown layout '" + layout + "' (known: " + units.keySet() + ")");
        String code = field(rec, "unit_code");
        String layoutName = layout;
        AdminUnit unit = tree.find(code).orElseThrow(() -> new IllegalArgumentException("unknown unit code '" + code + "' in layout " + layoutName));
        if (!mayWrite.test(tree, unit)) throw new IllegalArgumentException("unit " + code + " (" + unit.name() + ") is outside your jurisdiction");
        Double num = number(rec, "numerator"), den = number(rec, "denominator"), value = number(rec, "value");
        if ((num == null) != (den == null)) throw new IllegalArgumentException("give both numerator and denominator, or neither");
        if (den != null) {
            if (den <= 0) throw new IllegalArgumentException("denominator must be positive, not " + den);
            if (num < 0) throw new IllegalArgumentException("numerator must not be negative, not " + num);
            double computed = num / den * ind.scale();
            if (value != null && Math.abs(value - computed) > ROUNDING * Math.max(1, ind.scale() / 100))
                throw new IllegalArgumentException("value " + value + " does not match numerator/denominator (" + IndicatorValue.rounded(computed) + ")");
            value = computed;
        }
        if (value == null) throw new IllegalArgumentException("value is missing");
        if (!ind.inRange(value)) throw new IllegalArgumentException("value " + IndicatorValue.rounded(value) + " is outside " + id + "'s range ["
                + ind.min() + ", " + ind.max() + "]");
        return new IndicatorValue(id, layout, code, period.text(), value, num, den);
    }

    private static String field(CSVRecord rec, String name) {
        return rec.isMapped(name) && rec.isSet(name) ? rec.get(name).trim() : "";
    }

    private static Double number(CSVRecord rec, String name) {
        String s = field(rec, name);
        if (s.isEmpty()) return null;
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + s + "' is not a number (use a point as decimal separator)");
        }
    }
}
