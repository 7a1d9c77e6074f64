package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Polygon;
import vn.matthan.detection.geometry.Segment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A camera's scene calibration (versioned YAML): the frame size, signal groups and where their phase comes from,
 * stop lines, lanes (area, allowed classes, direction of travel), solid lane lines, count lines, an optional
 * ground plane and the rule thresholds. Everything is checked at load; the first problem is reported as
 * {@code file: field: reason} and the camera does not analyse with a calibration that failed.
 * Its {@link #version()} (declared version + content hash) travels with every event, so an officer can tell
 * exactly which geometry produced a count or a violation.
 */
public record SceneCalibration(String version, int frameWidth, int frameHeight, List<SignalGroup> signalGroups,
                               List<StopLine> stopLines, List<Lane> lanes, List<SolidLine> solidLines,
                               List<CountLine> countLines, Optional<GroundPlane> groundPlane, RuleSettings rules) {

    public SceneCalibration {
        signalGroups = List.copyOf(signalGroups);
        stopLines = List.copyOf(stopLines);
        lanes = List.copyOf(lanes);
        solidLines = List.copyOf(solidLines);
        countLines = List.copyOf(countLines);
    }

    /** A counting-only scene (no signals, lanes or rules), for tests and simple flow cameras. */
    public static SceneCalibration countingOnly(String version, int width, int height, List<CountLine> lines) {
        return new SceneCalibration(version, width, height, List.of(), List.of(), List.of(), List.of(), lines,
                Optional.empty(), RuleSettings.defaults());
    }

    /** The lane whose area holds this ground anchor, if any. */
    public Optional<Lane> laneAt(Point anchor) {
        for (Lane l : lanes) if (l.contains(anchor)) return Optional.of(l);
        return Optional.empty();
    }

    public Optional<SignalGroup> signalGroup(String name) {
        return signalGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public static SceneCalibration load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("scene calibration not readable: " + file + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        try {
            return new Reader(root).read(sha256(bytes).substring(0, 12));
        } catch (Invalid e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A calibration problem: field path and reason. */
    private static final class Invalid extends Exception {
        Invalid(String field, String reason) {
            super(field + ": " + reason);
        }
    }

    /** Reads and validates the tree; each check names the field it is about. */
    private static final class Reader {
        private final JsonNode root;
        private int width, height;

        Reader(JsonNode root) {
            this.root = root;
        }

        SceneCalibration read(String hash) throws Invalid {
            if (root == null || !root.isObject()) throw new Invalid("(document)", "expected a YAML mapping");
            keys(root, "", "version", "frame", "signal_groups", "stop_lines", "lanes", "solid_lines", "count_lines",
                    "ground_plane", "rules");
            String declared = root.path("version").asText("");
            if (declared.isBlank()) throw new Invalid("version", "required");
            JsonNode frame = root.path("frame");
            if (!frame.isObject()) throw new Invalid("frame", "required: {width, height} of the analysed frames in pixels");
            keys(frame, "frame", "width", "height");
            width = positiveInt(frame, "width", "frame");
            height = positiveInt(frame, "height", "frame");

            List<SignalGroup> groups = new ArrayList<>();
            Set<String> groupNames = new HashSet<>();
            JsonNode gs = list("signal_groups");
            for (int i = 0; i < gs.size(); i++) {
                SignalGroup g = signalGroup(gs.get(i), "signal_groups[" + i + "]");
                if (!groupNames.add(g.name())) throw new Invalid("signal_groups[" + i + "].name", "duplicate '" + g.name() + "'");
                groups.add(g);
            }
            List<Lane> lanes = new ArrayList<>();
            Set<String> laneNames = new HashSet<>();
            JsonNode ls = list("lanes");
            for (int i = 0; i < ls.size(); i++) {
                Lane l = lane(ls.get(i), "lanes[" + i + "]");
                if (!laneNames.add(l.name())) throw new Invalid("lanes[" + i + "].name", "duplicate '" + l.name() + "'");
                lanes.add(l);
            }
            List<StopLine> stops = new ArrayList<>();
            JsonNode ss = list("stop_lines");
            for (int i = 0; i < ss.size(); i++) stops.add(stopLine(ss.get(i), "stop_lines[" + i + "]", groupNames, laneNames));
            List<SolidLine> solids = new ArrayList<>();
            JsonNode sl = list("solid_lines");
            for (int i = 0; i < sl.size(); i++) solids.add(solidLine(sl.get(i), "solid_lines[" + i + "]"));
            List<CountLine> counts = new ArrayList<>();
            Set<String> countNames = new HashSet<>();
            JsonNode cs = list("count_lines");
            for (int i = 0; i < cs.size(); i++) {
                CountLine c = countLine(cs.get(i), "count_lines[" + i + "]");
                if (!countNames.add(c.name())) throw new Invalid("count_lines[" + i + "].name", "duplicate line '" + c.name() + "'");
                counts.add(c);
            }
            if (stops.isEmpty() && lanes.isEmpty() && solids.isEmpty() && counts.isEmpty()) {
                throw new Invalid("count_lines", "the scene defines nothing to analyse: add count lines, stop lines, lanes or solid lines");
            }
            Optional<GroundPlane> ground = groundPlane();
            RuleSettings rules = rules(ground.isPresent());
            return new SceneCalibration(declared + "#" + hash, width, height, groups, stops, lanes, solids, counts, ground, rules);
        }

        private SignalGroup signalGroup(JsonNode g, String at) throws Invalid {
            keys(g, at, "name", "source", "light_region", "controller_id", "lock_seconds", "flicker_tolerance_seconds",
                    "dark_timeout_seconds");
            String name = name(g, at);
            String src = g.path("source").asText("");
            SignalGroup.Source source;
            try {
                source = SignalGroup.Source.valueOf(src.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new Invalid(at + ".source", "expected 'vision' or 'controller', got '" + src + "'");
            }
            SignalGroup.Region region = null;
            String controller = g.path("controller_id").asText(null);
            if (source == SignalGroup.Source.VISION) {
                JsonNode r = g.get("light_region");
                if (r == null || !r.isArray() || r.size() != 4 || !allNumbers(r)) {
                    throw new Invalid(at + ".light_region", "required for source vision: [x, y, width, height] in pixels");
                }
                region = new SignalGroup.Region(r.get(0).asInt(), r.get(1).asInt(), r.get(2).asInt(), r.get(3).asInt());
                if (region.width() < 2 || region.height() < 2 || region.x() < 0 || region.y() < 0
                        || region.x() + region.width() > width || region.y() + region.height() > height) {
                    throw new Invalid(at + ".light_region", "must be at least 2x2 pixels and inside the " + width + "x" + height + " frame");
                }
            } else if (controller == null || controller.isBlank()) {
                throw new Invalid(at + ".controller_id", "required for source controller: the id the signal controller sends");
            }
            double lock = nonNegative(g, "lock_seconds", at, 0.4);
            double flicker = nonNegative(g, "flicker_tolerance_seconds", at, 0.25);
            double dark = nonNegative(g, "dark_timeout_seconds", at, 2.0);
            if (dark <= flicker) throw new Invalid(at + ".dark_timeout_seconds", "must be longer than flicker_tolerance_seconds");
            return new SignalGroup(name, source, region, controller, lock, flicker, dark);
        }

        private Lane lane(JsonNode l, String at) throws Invalid {
            keys(l, at, "name", "polygon", "allowed_classes", "travel");
            String name = name(l, at);
            JsonNode poly = l.get("polygon");
            if (poly == null || !poly.isArray() || poly.size() < 3) throw new Invalid(at + ".polygon", "at least 3 points [x, y] are required");
            List<Point> pts = new ArrayList<>();
            for (int i = 0; i < poly.size(); i++) pts.add(framePoint(poly.get(i), at + ".polygon[" + i + "]"));
            Polygon area = new Polygon(pts);
            String crossing = area.selfIntersection();
            if (crossing != null) throw new Invalid(at + ".polygon", "self-intersecting (" + crossing + ")");
            if (area.area() < 1) throw new Invalid(at + ".polygon", "has no area");
            JsonNode cls = l.get("allowed_classes");
            if (cls == null || !cls.isArray() || cls.isEmpty()) {
                throw new Invalid(at + ".allowed_classes", "at least one class is required (" + knownClasses() + ")");
            }
            Set<TrafficClass> allowed = EnumSet.noneOf(TrafficClass.class);
            for (int i = 0; i < cls.size(); i++) {
                String code = cls.get(i).asText("");
                TrafficClass c = TrafficClass.fromCode(code).filter(TrafficClass::isVehicle).orElse(null);
                if (c == null) throw new Invalid(at + ".allowed_classes[" + i + "]", "unknown class '" + code + "' (known: " + knownClasses() + ")");
                allowed.add(c);
            }
            JsonNode travel = l.get("travel");
            if (travel == null || !travel.isObject()) throw new Invalid(at + ".travel", "required: {from: [x, y], to: [x, y]} along the legal direction");
            keys(travel, at + ".travel", "from", "to");
            Point from = framePoint(travel.get("from"), at + ".travel.from"), to = framePoint(travel.get("to"), at + ".travel.to");
            if (from.equals(to)) throw new Invalid(at + ".travel", "from and to are the same point");
            return new Lane(name, area, allowed, new Segment(from, to));
        }

        private StopLine stopLine(JsonNode s, String at, Set<String> groups, Set<String> lanes) throws Invalid {
            keys(s, at, "name", "from", "to", "signal_group", "exempt_lanes", "hysteresis_px");
            String name = name(s, at);
            Point from = framePoint(s.get("from"), at + ".from"), to = framePoint(s.get("to"), at + ".to");
            if (from.equals(to)) throw new Invalid(at, "stop line '" + name + "' has zero length");
            String group = s.path("signal_group").asText("");
            if (!groups.contains(group)) throw new Invalid(at + ".signal_group", "'" + group + "' is not one of the signal_groups " + groups);
            Set<String> exempt = new LinkedHashSet<>();
            JsonNode ex = s.path("exempt_lanes");
            for (int i = 0; i < ex.size(); i++) {
                String lane = ex.get(i).asText("");
                if (!lanes.contains(lane)) throw new Invalid(at + ".exempt_lanes[" + i + "]", "'" + lane + "' is not one of the lanes " + lanes);
                exempt.add(lane);
            }
            return new StopLine(name, from, to, group, exempt, nonNegative(s, "hysteresis_px", at, 2));
        }

        private SolidLine solidLine(JsonNode s, String at) throws Invalid {
            keys(s, at, "name", "points", "hysteresis_px");
            String name = name(s, at);
            JsonNode p = s.get("points");
            if (p == null || !p.isArray() || p.size() < 2) throw new Invalid(at + ".points", "at least 2 points [x, y] are required");
            List<Point> pts = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) pts.add(framePoint(p.get(i), at + ".points[" + i + "]"));
            for (int i = 0; i + 1 < pts.size(); i++) {
                if (pts.get(i).equals(pts.get(i + 1))) throw new Invalid(at + ".points[" + (i + 1) + "]", "repeats the point before it");
            }
            return new SolidLine(name, pts, nonNegative(s, "hysteresis_px", at, 3));
        }

        private CountLine countLine(JsonNode l, String at) throws Invalid {
            keys(l, at, "name", "from", "to", "hysteresis_px");
            String name = name(l, at);
            Point from = framePoint(l.get("from"), at + ".from"), to = framePoint(l.get("to"), at + ".to");
            try {
                return new CountLine(name, from, to, l.path("hysteresis_px").asDouble(3));
            } catch (IllegalArgumentException e) {
                throw new Invalid(at, e.getMessage());
            }
        }

        private Optional<GroundPlane> groundPlane() throws Invalid {
            JsonNode g = root.get("ground_plane");
            if (g == null || g.isNull()) return Optional.empty();
            keys(g, "ground_plane", "image", "road_metres");
            List<Point> image = fourPoints(g.get("image"), "ground_plane.image", true);
            List<Point> road = fourPoints(g.get("road_metres"), "ground_plane.road_metres", false);
            try {
                return Optional.of(new GroundPlane(image, road));
            } catch (IllegalArgumentException e) {
                throw new Invalid("ground_plane", e.getMessage());
            }
        }

        private RuleSettings rules(boolean hasGround) throws Invalid {
            RuleSettings d = RuleSettings.defaults();
            JsonNode r = root.path("rules");
            if (r.isMissingNode()) return d;
            keys(r, "rules", "red_light", "lane", "wrong_way", "speeding");
            JsonNode red = r.path("red_light"), lane = r.path("lane"), wrong = r.path("wrong_way"), speed = r.path("speeding");
            if (red.isObject()) keys(red, "rules.red_light", "min_time_into_red_seconds");
            if (lane.isObject()) keys(lane, "rules.lane", "min_frames");
            if (wrong.isObject()) keys(wrong, "rules.wrong_way", "min_metres", "min_pixels");
            if (speed.isObject()) keys(speed, "rules.speeding", "limit_kmh", "tolerance_kmh", "window_seconds");
            Double limit = null;
            if (speed.has("limit_kmh")) {
                if (!hasGround) throw new Invalid("rules.speeding", "needs a ground_plane calibration to measure speed");
                limit = nonNegative(speed, "limit_kmh", "rules.speeding", 0);
                if (limit <= 0) throw new Invalid("rules.speeding.limit_kmh", "must be > 0");
            }
            int minFrames = (int) nonNegative(lane, "min_frames", "rules.lane", d.laneMinFrames());
            if (minFrames < 1) throw new Invalid("rules.lane.min_frames", "must be >= 1");
            double window = nonNegative(speed, "window_seconds", "rules.speeding", d.speedWindowSeconds());
            if (window <= 0) throw new Invalid("rules.speeding.window_seconds", "must be > 0");
            return new RuleSettings(
                    nonNegative(red, "min_time_into_red_seconds", "rules.red_light", d.minTimeIntoRedSeconds()),
                    minFrames,
                    nonNegative(wrong, "min_metres", "rules.wrong_way", d.wrongWayMinMetres()),
                    nonNegative(wrong, "min_pixels", "rules.wrong_way", d.wrongWayMinPixels()),
                    limit,
                    nonNegative(speed, "tolerance_kmh", "rules.speeding", d.speedToleranceKmh()),
                    window);
        }

        private JsonNode list(String field) throws Invalid {
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            if (!n.isArray()) throw new Invalid(field, "expected a list");
            return n;
        }

        private List<Point> fourPoints(JsonNode n, String at, boolean inFrame) throws Invalid {
            if (n == null || !n.isArray() || n.size() != 4) throw new Invalid(at, "exactly 4 points [x, y] are required");
            List<Point> out = new ArrayList<>();
            for (int i = 0; i < 4; i++) out.add(inFrame ? framePoint(n.get(i), at + "[" + i + "]") : point(n.get(i), at + "[" + i + "]"));
            return out;
        }

        private Point framePoint(JsonNode n, String at) throws Invalid {
            Point p = point(n, at);
            if (p.x() < 0 || p.y() < 0 || p.x() > width || p.y() > height) {
                throw new Invalid(at, "(" + fmt(p.x()) + ", " + fmt(p.y()) + ") is outside the " + width + "x" + height + " frame");
            }
            return p;
        }

        private static Point point(JsonNode n, String at) throws Invalid {
            if (n == null || !n.isArray() || n.size() != 2 || !allNumbers(n)) throw new Invalid(at, "expected [x, y] in pixels");
            return new Point(n.get(0).asDouble(), n.get(1).asDouble());
        }

        private static boolean allNumbers(JsonNode array) {
            for (JsonNode v : array) if (!v.isNumber()) return false;
            return true;
        }

        private static String name(JsonNode n, String at) throws Invalid {
            String name = n.path("name").asText("");
            if (name.isBlank()) throw new Invalid(at + ".name", "required");
            return name;
        }

        private static int positiveInt(JsonNode n, String field, String at) throws Invalid {
            JsonNode v = n.get(field);
            if (v == null || !v.canConvertToInt() || v.asInt() <= 0) throw new Invalid(at + "." + field, "a positive whole number is required");
            return v.asInt();
        }

        private static double nonNegative(JsonNode n, String field, String at, double dflt) throws Invalid {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) return dflt;
            if (!v.isNumber() || v.asDouble() < 0) throw new Invalid(at + "." + field, "a number >= 0 is required");
            return v.asDouble();
        }

        /** Rejects misspelt keys, which would otherwise silently leave a rule with its default. */
        private static void keys(JsonNode n, String at, String... allowed) throws Invalid {
            if (!n.isObject()) throw new Invalid(at.isEmpty() ? "(document)" : at, "expected a mapping");
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!ok.contains(k)) {
                    throw new Invalid(at.isEmpty() ? k : at + "." + k, "unknown field (expected one of " + String.join(", ", allowed) + ")");
                }
            }
        }

        private static String knownClasses() {
            return Arrays.stream(TrafficClass.values()).filter(TrafficClass::isVehicle).map(TrafficClass::code)
                    .collect(Collectors.joining(", "));
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
