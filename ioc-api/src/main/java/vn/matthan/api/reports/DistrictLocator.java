package vn.matthan.api.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the district whose outline holds a point (WGS84 longitude/latitude), on the GeoJSON district outlines of the
 * shared assets. Geometry is JTS's (prepared polygons behind an STR-tree); only the GeoJSON coordinates are read here.
 */
public final class DistrictLocator {
    /** A district: GSO code, name and the province it belongs to. */
    public record District(String code, String name, String province) {
    }

    private record Entry(District district, PreparedGeometry shape) {
    }

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
    private final STRtree index = new STRtree();
    private final Map<String, District> byCode = new LinkedHashMap<>();

    /** @param files each GeoJSON FeatureCollection of districts (properties code, name) with its province code */
    public static DistrictLocator load(Map<Path, String> files) throws IOException {
        DistrictLocator l = new DistrictLocator();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<Path, String> f : files.entrySet()) {
            JsonNode root = json.readTree(f.getKey().toFile());
            for (JsonNode feature : root.path("features")) {
                String code = feature.path("properties").path("code").asText(null);
                if (code == null) throw new IOException(f.getKey() + ": a feature has no properties.code");
                District d = new District(code, feature.path("properties").path("name").asText(code), f.getValue());
                Geometry g = geometry(feature.path("geometry"), f.getKey() + " " + code);
                l.index.insert(g.getEnvelopeInternal(), new Entry(d, PreparedGeometryFactory.prepare(g)));
                l.byCode.put(code, d);
            }
        }
        l.index.build();
        return l;
    }

    /** The district holding the point (its border counts as inside); empty outside every outline. */
    public Optional<District> locate(double latitude, double longitude) {
        var point = GEOMETRY.createPoint(new Coordinate(longitude, latitude));
        @SuppressWarnings("unchecked")
        List<Entry> candidates = index.query(point.getEnvelopeInternal());
        return candidates.stream().filter(e -> e.shape().covers(point)).map(Entry::district)
                .min(java.util.Comparator.comparing(District::code));
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public java.util.Collection<District> districts() {
        return byCode.values();
    }

    private static Geometry geometry(JsonNode g, String what) throws IOException {
        String type = g.path("type").asText();
        List<Polygon> polygons = new ArrayList<>();
        switch (type) {
            case "Polygon" -> polygons.add(polygon(g.path("coordinates"), what));
            case "MultiPolygon" -> {
                for (JsonNode p : g.path("coordinates")) polygons.add(polygon(p, what));
            }
            default -> throw new IOException(what + ": geometry " + type + " is not a (Multi)Polygon");
        }
        return GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static Polygon polygon(JsonNode rings, String what) throws IOException {
        List<LinearRing> out = new ArrayList<>();
        for (JsonNode ring : rings) {
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
            try {
                out.add(GEOMETRY.createLinearRing(cs));
            } catch (IllegalArgumentException e) {
                throw new IOException(what + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) throw new IOException(what + ": a polygon without rings");
        return GEOMETRY.createPolygon(out.get(0), out.subList(1, out.size()).toArray(LinearRing[]::new));
    }
}
