package vn.matthan.api.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Administrative units from the shared geo assets ({@code geo/}): the GSO code list of 1 Mar 2025 (provinces,
 * districts, communes) with province and district outlines for the {@code pre2025} layout, and the 34 provinces of
 * the {@code post2025} layout. Communes come without outlines (no licensed layer exists); a deployment may add
 * its own units, e.g. the post-2025 communes, from a CSV {@code code,name,level,parent_code}.
 */
public final class UnitSources {
    /** @param successor the code, in the next layout, of the unit this one became part of (or null) */
    public record LoadedUnit(String layout, AdminUnit unit, String geometry, String successor) {
    }

    private static final List<String> PREFIXES = List.of("Thành phố Trung ương ", "Thành phố ", "Tỉnh ", "Thị xã ", "Thị trấn ",
            "Huyện ", "Quận ", "Phường ", "Xã ");
    private static final ObjectMapper JSON = new ObjectMapper();

    private UnitSources() {
    }

    /** Both layouts from the assets folder; fails naming the file that is missing or unreadable. */
    public static List<LoadedUnit> fromAssets(Path assets) throws IOException {
        Path geo = assets.resolve("geo");
        Map<String, String> outlines = new HashMap<>(), successors = new HashMap<>();
        for (String f : List.of("vn_provinces_63_pre2025.geojson", "quangngai_districts_pre2025.geojson", "danang_districts_pre2025.geojson")) {
            for (JsonNode feature : features(geo.resolve(f))) {
                JsonNode props = feature.path("properties");
                outlines.put(props.path("code").asText(), feature.path("geometry").toString());
                if (props.hasNonNull("code_2025")) successors.put(props.path("code").asText(), props.path("code_2025").asText());
            }
        }
        Map<String, LoadedUnit> pre = new LinkedHashMap<>();
        Path codes = geo.resolve("vn_admin_codes_gso_2025-03-01.csv");
        for (CSVRecord r : csv(codes)) {
            String p = r.get("province_code"), d = r.get("district_code"), c = r.get("commune_code");
            pre.computeIfAbsent(p, k -> unit(Period.PRE_2025, k, r.get("province_name"), Level.PROVINCE, null, outlines.get(k), successors.get(k)));
            pre.computeIfAbsent(d, k -> unit(Period.PRE_2025, k, r.get("district_name"), Level.DISTRICT, p, outlines.get(k), null));
            if (!c.isBlank()) pre.put(c, unit(Period.PRE_2025, c, r.get("commune_name"), Level.COMMUNE, d, null, null));
        }
        List<LoadedUnit> out = new ArrayList<>(pre.values());
        for (JsonNode feature : features(geo.resolve("vn_provinces_34_post2025.geojson"))) {
            JsonNode props = feature.path("properties");
            out.add(unit(Period.POST_2025, props.path("code").asText(), props.path("name").asText(), Level.PROVINCE, null,
                    feature.path("geometry").toString(), null));
        }
        return out;
    }

    /** Units listed by a deployment: {@code code,name,level,parent_code[,layout]} (layout default post2025). */
    public static List<LoadedUnit> fromCsv(Path file) throws IOException {
        List<LoadedUnit> out = new ArrayList<>();
        for (CSVRecord r : csv(file)) {
            String layout = r.isMapped("layout") && !r.get("layout").isBlank() ? r.get("layout") : Period.POST_2025;
            String parent = r.get("parent_code").isBlank() ? null : r.get("parent_code");
            out.add(unit(layout, r.get("code"), r.get("name"), Level.of(r.get("level")), parent, null, null));
        }
        return out;
    }

    /** The name without its type prefix: {@code Huyện Sơn Hà} → {@code Sơn Hà}. */
    public static String shortName(String name) {
        for (String p : PREFIXES) if (name.startsWith(p)) return name.substring(p.length());
        return name;
    }

    private static LoadedUnit unit(String layout, String code, String name, Level level, String parent, String geometry, String successor) {
        return new LoadedUnit(layout, new AdminUnit(code, name, shortName(name), level, parent), geometry, successor);
    }

    private static JsonNode features(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("administrative layer " + file + " is missing");
        JsonNode f = JSON.readTree(file.toFile()).path("features");
        if (!f.isArray()) throw new IOException(file + " is not a GeoJSON FeatureCollection");
        return f;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("unit list " + file + " is missing");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(r)) {
            return p.getRecords();
        }
    }
}
