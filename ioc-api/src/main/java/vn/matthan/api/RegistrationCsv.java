package vn.matthan.api;

import vn.matthan.api.csv.CsvLines;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.matthan.events.PlateGrammar;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the registration authority's export: header {@code plate,owner_name,owner_address,vehicle_type,colour,brand,
 * valid_from,valid_to} ({@code colour}, {@code brand}, {@code valid_to} may be left out or empty; an empty
 * {@code valid_to} means still registered). Dates as {@code 2024-07-01} or {@code 01/07/2024}, both days inclusive.
 * Every bad row is rejected with its line number and one reason; the good rows are kept. What only the stored registry
 * can say (a period overlapping a stored one) is the import's to check.
 */
final class RegistrationCsv {
    static final List<String> COLUMNS = List.of("plate", "owner_name", "owner_address", "vehicle_type", "colour", "brand", "valid_from", "valid_to");
    static final Set<String> REQUIRED = Set.of("plate", "owner_name", "owner_address", "vehicle_type", "valid_from");
    static final int NAME_MAX = 200, ADDRESS_MAX = 300, COLOUR_MAX = 40, BRAND_MAX = 60;
    static final LocalDate EARLIEST = LocalDate.of(1950, 1, 1);

    /** The classes vehicles are registered as (the detector's classes a plate is issued to), and their usual names. */
    static final Map<String, String> VEHICLE_TYPES = vehicleTypes();

    /** One registration period as the file gives it; {@code plate} normalised, {@code validTo} null while still valid. */
    record Registration(long line, String plate, String ownerName, String ownerAddress, String vehicleClass, String colour,
                        String brand, LocalDate validFrom, LocalDate validTo) {
        boolean overlaps(LocalDate from, LocalDate to) {
            return !validFrom.isAfter(to == null ? LocalDate.MAX : to) && !from.isAfter(validTo == null ? LocalDate.MAX : validTo);
        }

        String period() {
            return RegistrationCsv.period(validFrom, validTo);
        }
    }

    record Rejected(long line, String reason) {
    }

    record Report(List<Registration> accepted, List<Rejected> rejected) {
    }

    private RegistrationCsv() {
    }

    static String period(LocalDate from, LocalDate to) {
        return (from == null || from.equals(LocalDate.MIN) ? "always" : from) + " – " + (to == null ? "open" : to.toString());
    }

    /**
     * @param today the registry cannot know periods that begin after today
     * @throws IllegalArgumentException when the file as a whole cannot be read (header, CSV syntax)
     */
    static Report read(String text, LocalDate today) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (Reader r = new StringReader(body);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .setIgnoreEmptyLines(true).get().parse(r)) {
            List<String> header = p.getHeaderNames();
            if (header.isEmpty()) throw new IllegalArgumentException("the file is empty; the first line names the columns " + COLUMNS);
            for (String h : header) {
                if (!COLUMNS.contains(h)) throw new IllegalArgumentException("unknown column '" + h + "' (known: " + String.join(", ", COLUMNS) + ")");
            }
            for (String h : COLUMNS) {
                if (REQUIRED.contains(h) && !header.contains(h)) throw new IllegalArgumentException("the header lacks column '" + h + "'");
            }
            if (new LinkedHashSet<>(header).size() != header.size()) throw new IllegalArgumentException("a column is named twice in the header");
            List<Registration> ok = new ArrayList<>();
            List<Rejected> bad = new ArrayList<>();
            Map<String, List<Registration>> byPlate = new HashMap<>();
            CsvLines lines = new CsvLines(body);
            for (CSVRecord rec : p) {
                long line = lines.at(rec.getCharacterPosition());
                try {
                    Registration g = row(rec, line, today);
                    List<Registration> same = byPlate.computeIfAbsent(g.plate(), k -> new ArrayList<>());
                    for (Registration o : same) {
                        if (o.validFrom().equals(g.validFrom()))
                            throw new IllegalArgumentException("plate " + g.plate() + " from " + g.validFrom() + " is already on line " + o.line());
                        if (o.overlaps(g.validFrom(), g.validTo()))
                            throw new IllegalArgumentException("the period " + g.period() + " of plate " + g.plate() + " overlaps "
                                    + o.period() + " on line " + o.line());
                    }
                    same.add(g);
                    ok.add(g);
                } catch (IllegalArgumentException e) {
                    bad.add(new Rejected(line, e.getMessage()));
                }
            }
            return new Report(ok, bad);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not readable as CSV: " + e.getMessage());
        }
    }

    private static Registration row(CSVRecord rec, long line, LocalDate today) {
        int columns = rec.getParser().getHeaderNames().size();
        if (rec.size() < columns) throw new IllegalArgumentException("expected " + columns + " fields, found " + rec.size() + " (a column is missing)");
        if (rec.size() > columns) throw new IllegalArgumentException("expected " + columns + " fields, found " + rec.size() + " (an unquoted comma?)");
        String type = text(rec, "vehicle_type", 40);
        if (type == null) throw new IllegalArgumentException("vehicle_type: missing");
        String cls = VEHICLE_TYPES.get(key(type));
        if (cls == null) {
            if (key(type).equals("bicycle") || key(type).equals("xe dap"))
                throw new IllegalArgumentException("vehicle_type: a bicycle carries no registration plate");
            throw new IllegalArgumentException("vehicle_type: unknown '" + type + "' (car, motorbike, bus, truck or ô tô, xe máy, ô tô khách, ô tô tải)");
        }
        String rawPlate = text(rec, "plate", 20);
        if (rawPlate == null) throw new IllegalArgumentException("plate: missing");
        Optional<String> plateProblem = PlateGrammar.problem(rawPlate, cls.equals("motorbike"));
        if (plateProblem.isPresent()) throw new IllegalArgumentException("plate: " + plateProblem.get()
                + (plateProblem.get().endsWith(" plate") ? ", the row registers a " + cls : ""));
        String name = text(rec, "owner_name", NAME_MAX);
        if (name == null) throw new IllegalArgumentException("owner_name: missing");
        if (!name.matches(".*\\p{L}.*")) throw new IllegalArgumentException("owner_name: '" + name + "' has no letters");
        String address = text(rec, "owner_address", ADDRESS_MAX);
        if (address == null) throw new IllegalArgumentException("owner_address: missing");
        String colour = text(rec, "colour", COLOUR_MAX);
        String brand = text(rec, "brand", BRAND_MAX);
        LocalDate from = date(rec, "valid_from", today);
        if (from == null) throw new IllegalArgumentException("valid_from: missing");
        LocalDate to = date(rec, "valid_to", null);
        if (to != null && to.isBefore(from)) throw new IllegalArgumentException("valid_to " + to + " is before valid_from " + from);
        return new Registration(line, PlateGrammar.normalise(rawPlate), name, address, cls, colour, brand, from, to);
    }

    /** A field's text (NFC, trimmed), null when absent or empty; control characters and over-long text refused. */
    private static String text(CSVRecord rec, String column, int max) {
        if (!rec.isMapped(column)) return null;
        String v = Normalizer.normalize(rec.get(column), Normalizer.Form.NFC).strip();
        if (v.isEmpty()) return null;
        if (v.chars().anyMatch(c -> Character.isISOControl(c)))
            throw new IllegalArgumentException(column + ": contains a line break or control character");
        if (v.length() > max) throw new IllegalArgumentException(column + ": " + v.length() + " characters, at most " + max);
        return v;
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    /** @param notAfter latest allowed day (null: any) */
    private static LocalDate date(CSVRecord rec, String column, LocalDate notAfter) {
        String v = text(rec, column, 20);
        if (v == null) return null;
        boolean iso = v.matches("\\d{4}-\\d{2}-\\d{2}"), vn = v.matches("\\d{2}/\\d{2}/\\d{4}");
        if (!iso && !vn) throw new IllegalArgumentException(column + ": '" + v + "' is not a date (2024-07-01 or 01/07/2024)");
        LocalDate d;
        try {
            d = LocalDate.parse(v, iso ? ISO : VN);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": '" + v + "' is not a day of the calendar");
        }
        if (d.isBefore(EARLIEST)) throw new IllegalArgumentException(column + ": " + d + " is before " + EARLIEST.getYear() + ", not a registration date");
        if (notAfter != null && d.isAfter(notAfter)) throw new IllegalArgumentException(column + ": " + d + " is in the future");
        return d;
    }

    /** Lower case, without diacritics and extra spaces: "Xe  máy" and "xe may" name the same type. */
    static String key(String s) {
        String n = Normalizer.normalize(s.toLowerCase().replace('đ', 'd'), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.replaceAll("[\\s_-]+", " ").strip();
    }

    private static Map<String, String> vehicleTypes() {
        Map<String, String> m = new HashMap<>();
        for (String s : List.of("car", "o to", "oto", "xe o to", "o to con", "xe con")) m.put(s, "car");
        for (String s : List.of("motorbike", "motorcycle", "xe may", "mo to", "xe mo to", "xe gan may")) m.put(s, "motorbike");
        for (String s : List.of("bus", "o to khach", "xe khach")) m.put(s, "bus");
        for (String s : List.of("truck", "o to tai", "xe tai")) m.put(s, "truck");
        return Map.copyOf(m);
    }

    /** Two-wheeled or not: a plate registered to one family and read on the other is a misread or a cloned plate. */
    static boolean twoWheeled(String vehicleClass) {
        return "motorbike".equals(vehicleClass) || "bicycle".equals(vehicleClass);
    }
}
