package vn.matthan.api.indicators;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a province's own report tables (raw counts per unit, named as the report names them, e.g.
 * {@code UBND huyện Ba Tơ}) into indicator values: each rate is computed from the raw columns, checked against the
 * rate the report printed, and the unit is found by name under the report's scope. Rows that cannot be matched,
 * whose counts do not add up, or whose printed rate differs from the computed one are listed, never guessed.
 */
public final class ProvincialReport {
    /**
     * One indicator of one table.
     *
     * @param scope        the unit the table's rows lie under (a province for district rows, a district for communes)
     * @param numerator    columns summed into the numerator; {@code denominator} likewise
     * @param parts        when given: columns that must add up to the denominator's first column
     */
    public record Sheet(String file, String scope, Level rows, String period, String indicator, List<String> numerator,
                        List<String> denominator, String reported, List<String> parts) {
    }

    public record Result(List<IndicatorValue> values, List<String> problems, int checkedRates) {
    }

    /** The Quảng Ngãi provincial report of 10 Oct 2023 in {@code indicators/} (pre-2025 units). */
    public static final List<Sheet> QUANG_NGAI_2023_10 = List.of(
            new Sheet("quang-ngai_districts_2023-10-10_digitisation.csv", "51", Level.DISTRICT, "2023-10", "intake-digitisation",
                    List.of("received_digitised"), List.of("received"), "intake_digitised_percent",
                    List.of("received_digitised", "received_not_digitised")),
            new Sheet("quang-ngai_districts_2023-10-10_digitisation.csv", "51", Level.DISTRICT, "2023-10", "result-digitisation",
                    List.of("resolved_digitised_result"), List.of("resolved"), "result_digitised_percent",
                    List.of("resolved_digitised_result", "resolved_not_digitised")),
            // Applications sent by post count as received but not as online.
            new Sheet("quang-ngai_son-ha_2023-10-10_online-applications.csv", "529", Level.COMMUNE, "2023-10", "online-applications",
                    List.of("partial_online", "full_online"), List.of("partial_received", "full_received"), "reported_rate_percent",
                    List.of()),
            new Sheet("quang-ngai_son-ha_2023-10-10_esigned-documents.csv", "529", null, "2023-10", "esigned-documents",
                    List.of("signed_sent"), List.of("total_sent"), "reported_rate_percent", List.of()));

    private ProvincialReport() {
    }

    public static Result read(Path folder, List<Sheet> sheets, IndicatorCatalog catalog, AdminUnits units) throws IOException {
        List<IndicatorValue> values = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Sheet s : sheets) {
            Indicator ind = catalog.find(s.indicator())
                    .orElseThrow(() -> new IllegalArgumentException("report sheet names unknown indicator " + s.indicator()));
            Path file = folder.resolve(s.file());
            if (!Files.isRegularFile(file)) throw new IOException("report table " + file + " is missing");
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(r)) {
                for (CSVRecord rec : p) {
                    String where = s.file() + " line " + (rec.getRecordNumber() + 1) + " (" + rec.get("unit_name") + ")";
                    AdminUnit unit = match(rec.get("unit_name"), s, units);
                    if (unit == null) {
                        problems.add(where + ": no unit of that name under " + s.scope());
                        continue;
                    }
                    double num = sum(rec, s.numerator()), den = sum(rec, s.denominator());
                    if (!s.parts().isEmpty() && sum(rec, s.parts()) != sum(rec, s.denominator().subList(0, 1))) {
                        problems.add(where + ": " + s.parts() + " do not add up to " + s.denominator().get(0));
                        continue;
                    }
                    if (den <= 0) {
                        problems.add(where + ": " + s.denominator() + " is zero");
                        continue;
                    }
                    IndicatorValue v = IndicatorValue.ratio(ind, units.layout(), unit.code(), s.period(), num, den);
                    double printed = Double.parseDouble(rec.get(s.reported()));
                    checked++;
                    if (Math.abs(v.value() - printed) > IndicatorCsv.ROUNDING)
                        problems.add(where + ": printed rate " + printed + " but the counts give " + IndicatorValue.rounded(v.value()));
                    values.add(v);
                }
            }
        }
        return new Result(values, problems, checked);
    }

    /** Finds {@code UBND huyện Ba Tơ}, {@code UBND TP Quảng Ngãi}, {@code Xã Sơn Hạ} among the scope and its children. */
    static AdminUnit match(String reportName, Sheet s, AdminUnits units) {
        String n = reportName.trim().replaceFirst("^(?i)UBND\\s+", "");
        Level level = s.rows();
        String lower = n.toLowerCase(Locale.ROOT);
        String[][] prefixes = {{"tp ", "district"}, {"thành phố ", "district"}, {"thị xã ", "district"}, {"huyện ", "district"},
                {"quận ", "district"}, {"thị trấn ", "commune"}, {"xã ", "commune"}, {"phường ", "commune"}};
        for (String[] p : prefixes) {
            if (lower.startsWith(p[0])) {
                n = n.substring(p[0].length()).trim();
                level = Level.of(p[1]);
                break;
            }
        }
        for (AdminUnit u : units.all()) {
            if (u.level() == level && u.nameShort().equalsIgnoreCase(n) && units.isWithin(u.code(), s.scope())) return u;
        }
        return null;
    }

    private static double sum(CSVRecord rec, List<String> columns) {
        double t = 0;
        for (String c : columns) t += Double.parseDouble(rec.get(c));
        return t;
    }
}
