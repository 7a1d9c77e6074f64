package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Polygon;
import vn.matthan.detection.geometry.Segment;
import vn.matthan.config.ConfigException;
import vn.matthan.config.ConfigFile;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A camera's scene calibration (versioned YAML): the frame size, signal groups and where their phase comes from,
 * stop lines, lanes (area, allowed classes, direction of travel), solid lane lines, count lines, an optional
 * ground plane, no-parking / no-stopping zones and the rule thresholds ({@link SceneFile}: keys, defaults and ranges). Everything is checked at load;
 * problems are reported as {@code file:line: field: reason} and the camera does not analyse with a calibration that
 * failed.
 * Its {@link #version()} (declared version + content hash) travels with every event, so an officer can tell
 * exactly which geometry produced a count or a violation.
 */
public record SceneCalibration(String version, int frameWidth, int frameHeight, List<SignalGroup> signalGroups,
                               List<StopLine> stopLines, List<Lane> lanes, List<SolidLine> solidLines,
                               List<CountLine> countLines, Optional<GroundPlane> groundPlane, RuleSettings rules,
                               List<RestrictedZone> restrictedZones) {

    public SceneCalibration {
        signalGroups = List.copyOf(signalGroups);
        stopLines = List.copyOf(stopLines);
        lanes = List.copyOf(lanes);
        solidLines = List.copyOf(solidLines);
        countLines = List.copyOf(countLines);
        restrictedZones = List.copyOf(restrictedZones);
    }

    /** A calibration without no-parking or no-stopping zones. */
    public SceneCalibration(String version, int frameWidth, int frameHeight, List<SignalGroup> signalGroups,
                            List<StopLine> stopLines, List<Lane> lanes, List<SolidLine> solidLines,
                            List<CountLine> countLines, Optional<GroundPlane> groundPlane, RuleSettings rules) {
        this(version, frameWidth, frameHeight, signalGroups, stopLines, lanes, solidLines, countLines, groundPlane, rules,
                List.of());
    }

    /** A counting-only scene (no signals, lanes or rules), for tests and simple flow cameras. */
    public static SceneCalibration countingOnly(String version, int width, int height, List<CountLine> lines) {
        return new SceneCalibration(version, width, height, List.of(), List.of(), List.of(), List.of(), lines,
                Optional.empty(), RuleSettings.defaults());
    }

    /**
     * The part of the frame the rules look at: the box around every lane, stop line, solid line, count line,
     * no-parking / no-stopping zone and the ground plane, grown by {@value #VEHICLE_TOP_SHARE} of the frame height upwards (a vehicle's box rises above the
     * road point it stands on) and {@value #MARGIN_SHARE} of the frame on the other sides, clipped to the frame.
     * Empty for a scene without lanes (its count lines say nothing about where vehicles come from), or when the box
     * would cover nearly the whole frame anyway.
     */
    public Optional<Box> roadRegion() {
        if (lanes.isEmpty()) return Optional.empty();
        List<Point> pts = new ArrayList<>();
        for (Lane l : lanes) pts.addAll(l.area().vertices());
        for (StopLine s : stopLines) pts.addAll(List.of(s.from(), s.to()));
        for (SolidLine s : solidLines) pts.addAll(s.points());
        for (CountLine c : countLines) pts.addAll(List.of(c.from(), c.to()));
        for (RestrictedZone z : restrictedZones) pts.addAll(z.area().vertices()); // a kerb zone may lie off the lanes
        groundPlane.ifPresent(g -> pts.addAll(g.imagePoints()));
        double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
        for (Point p : pts) {
            x1 = Math.min(x1, p.x());
            y1 = Math.min(y1, p.y());
            x2 = Math.max(x2, p.x());
            y2 = Math.max(y2, p.y());
        }
        double mx = frameWidth * MARGIN_SHARE, my = frameHeight * MARGIN_SHARE;
        Box b = new Box(Math.max(0, x1 - mx), Math.max(0, y1 - frameHeight * VEHICLE_TOP_SHARE),
                Math.min(frameWidth, x2 + mx), Math.min(frameHeight, y2 + my));
        if (b.area() >= 0.9 * frameWidth * frameHeight) return Optional.empty();
        return Optional.of(b);
    }

    /** Room above the road for the tallest vehicle at the far end of the calibrated road, as a share of the frame height. */
    static final double VEHICLE_TOP_SHARE = 0.12;
    static final double MARGIN_SHARE = 0.02;

    /** The lane whose area holds this ground anchor, if any. */
    public Optional<Lane> laneAt(Point anchor) {
        for (Lane l : lanes) if (l.contains(anchor)) return Optional.of(l);
        return Optional.empty();
    }

    public Optional<SignalGroup> signalGroup(String name) {
        return signalGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /**
     * Reads and checks a calibration file.
     *
     * @throws ConfigException naming the file, line, field and reason of the first problem found
     */
    public static SceneCalibration load(Path file) throws ConfigException {
        ConfigFile yaml = ConfigFile.read(file);
        SceneFile f = yaml.bind("", SceneFile.class);
        return new Reader(yaml, f).read(sha256(yaml.bytes()).substring(0, 12));
    }

    /** Checks what one key cannot check alone (geometry, references between parts); each check names its field. */
    private static final class Reader {
        private final ConfigFile yaml;
        private final SceneFile f;
        private final int width, height;

        Reader(ConfigFile yaml, SceneFile f) {
            this.yaml = yaml;
            this.f = f;
            this.width = f.frame.width;
            this.height = f.frame.height;
        }

        SceneCalibration read(String hash) throws ConfigException {
            List<SignalGroup> groups = new ArrayList<>();
            Set<String> groupNames = new LinkedHashSet<>();
            for (int i = 0; i < f.signalGroups.size(); i++) {
                SignalGroup g = signalGroup(f.signalGroups.get(i), "signal_groups[" + i + "]");
                if (!groupNames.add(g.name())) throw yaml.error("signal_groups[" + i + "].name", "duplicate '" + g.name() + "'");
                groups.add(g);
            }
            List<Lane> lanes = new ArrayList<>();
            Set<String> laneNames = new LinkedHashSet<>();
            for (int i = 0; i < f.lanes.size(); i++) {
                Lane l = lane(f.lanes.get(i), "lanes[" + i + "]");
                if (!laneNames.add(l.name())) throw yaml.error("lanes[" + i + "].name", "duplicate '" + l.name() + "'");
                lanes.add(l);
            }
            List<StopLine> stops = new ArrayList<>();
            for (int i = 0; i < f.stopLines.size(); i++) stops.add(stopLine(f.stopLines.get(i), "stop_lines[" + i + "]", groupNames, laneNames));
            List<SolidLine> solids = new ArrayList<>();
            for (int i = 0; i < f.solidLines.size(); i++) solids.add(solidLine(f.solidLines.get(i), "solid_lines[" + i + "]"));
            List<CountLine> counts = new ArrayList<>();
            Set<String> countNames = new HashSet<>();
            for (int i = 0; i < f.countLines.size(); i++) {
                CountLine c = countLine(f.countLines.get(i), "count_lines[" + i + "]");
                if (!countNames.add(c.name())) throw yaml.error("count_lines[" + i + "].name", "duplicate line '" + c.name() + "'");
                counts.add(c);
            }
            List<RestrictedZone> zones = new ArrayList<>();
            Set<String> zoneNames = new HashSet<>();
            Set<String> stopNames = new LinkedHashSet<>();
            for (StopLine s : stops) stopNames.add(s.name());
            for (int i = 0; i < f.restrictedZones.size(); i++) {
                RestrictedZone z = zone(f.restrictedZones.get(i), "restricted_zones[" + i + "]", stopNames);
                if (!zoneNames.add(z.name())) throw yaml.error("restricted_zones[" + i + "].name", "duplicate zone '" + z.name() + "'");
                zones.add(z);
            }
            if (stops.isEmpty() && lanes.isEmpty() && solids.isEmpty() && counts.isEmpty() && zones.isEmpty()) {
                throw yaml.error("count_lines", "the scene defines nothing to analyse: add count lines, stop lines, lanes, solid lines or restricted zones");
            }
            Optional<GroundPlane> ground = groundPlane();
            if (f.rules.speeding.limitKmh != null && ground.isEmpty()) {
                throw yaml.error("rules.speeding", "needs a ground_plane calibration to measure speed");
            }
            return new SceneCalibration(f.version + "#" + hash, width, height, groups, stops, lanes, solids, counts, ground,
                    f.rules.settings(), zones);
        }

        private RestrictedZone zone(SceneFile.ZoneEntry z, String at, Set<String> stopLines) throws ConfigException {
            Polygon area = polygon(z.polygon, at + ".polygon");
            List<RestrictedZone.Hours> hours = new ArrayList<>();
            for (int i = 0; i < z.hours.size(); i++) {
                String h = z.hours.get(i) == null ? "" : z.hours.get(i).trim();
                java.util.regex.Matcher m = HOURS.matcher(h);
                if (!m.matches()) throw yaml.error(at + ".hours[" + i + "]", "expected \"HH:MM-HH:MM\" in local time, got '" + h + "'");
                java.time.LocalTime from = time(m.group(1), m.group(2)), to = time(m.group(3), m.group(4));
                if (from == null || to == null) throw yaml.error(at + ".hours[" + i + "]", "'" + h + "' is not a time of day (00:00 to 24:00)");
                if (from.equals(to)) throw yaml.error(at + ".hours[" + i + "]", "'" + h + "' is empty: from and to are the same time (leave hours out for all day)");
                hours.add(new RestrictedZone.Hours(from, to));
            }
            if (z.stopLine != null && !stopLines.contains(z.stopLine)) {
                throw yaml.error(at + ".stop_line", "'" + z.stopLine + "' is not one of the stop_lines " + stopLines);
            }
            return new RestrictedZone(z.name, RestrictedZone.Kind.valueOf(z.kind.toUpperCase(Locale.ROOT)), area, z.allowedSeconds,
                    hours, z.stopLine, z.dischargeSeconds);
        }

        private static final java.util.regex.Pattern HOURS = java.util.regex.Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

        /** 24:00 is midnight at the end of the day. */
        private static java.time.LocalTime time(String h, String m) {
            int hh = Integer.parseInt(h), mm = Integer.parseInt(m);
            if (hh == 24 && mm == 0) return java.time.LocalTime.MIDNIGHT;
            if (hh > 23 || mm > 59) return null;
            return java.time.LocalTime.of(hh, mm);
        }

        /** A simple polygon of at least 3 points inside the frame, with an area. */
        private Polygon polygon(List<List<Double>> points, String at) throws ConfigException {
            if (points == null || points.size() < 3) throw yaml.error(at, "at least 3 points [x, y] are required");
            List<Point> pts = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) pts.add(framePoint(points.get(i), at + "[" + i + "]"));
            Polygon area = new Polygon(pts);
            String crossing = area.selfIntersection();
            if (crossing != null) throw yaml.error(at, "self-intersecting (" + crossing + ")");
            if (area.area() < 1) throw yaml.error(at, "has no area");
            return area;
        }

        private SignalGroup signalGroup(SceneFile.SignalGroupEntry g, String at) throws ConfigException {
            SignalGroup.Source source = SignalGroup.Source.valueOf(g.source.toUpperCase(Locale.ROOT));
            SignalGroup.Region region = null;
            if (source == SignalGroup.Source.VISION) {
                List<Integer> r = g.lightRegion;
                if (r == null || r.size() != 4 || r.contains(null)) {
                    throw yaml.error(at + ".light_region", "required for source vision: [x, y, width, height] in pixels");
                }
                region = new SignalGroup.Region(r.get(0), r.get(1), r.get(2), r.get(3));
                if (region.width() < 2 || region.height() < 2 || region.x() < 0 || region.y() < 0
                        || region.x() + region.width() > width || region.y() + region.height() > height) {
                    throw yaml.error(at + ".light_region", "must be at least 2x2 pixels and inside the " + width + "x" + height + " frame");
                }
            } else if (g.controllerId == null || g.controllerId.isBlank()) {
                throw yaml.error(at + ".controller_id", "required for source controller: the id the signal controller sends");
            }
            if (g.darkTimeoutSeconds <= g.flickerToleranceSeconds) {
                throw yaml.error(at + ".dark_timeout_seconds", "must be longer than flicker_tolerance_seconds");
            }
            return new SignalGroup(g.name, source, region, g.controllerId, g.lockSeconds, g.flickerToleranceSeconds,
                    g.darkTimeoutSeconds);
        }

        private Lane lane(SceneFile.LaneEntry l, String at) throws ConfigException {
            Polygon area = polygon(l.polygon, at + ".polygon");
            if (l.allowedClasses == null || l.allowedClasses.isEmpty()) {
                throw yaml.error(at + ".allowed_classes", "at least one class is required (" + knownClasses() + ")");
            }
            Set<TrafficClass> allowed = EnumSet.noneOf(TrafficClass.class);
            for (int i = 0; i < l.allowedClasses.size(); i++) {
                String code = l.allowedClasses.get(i) == null ? "" : l.allowedClasses.get(i);
                TrafficClass c = TrafficClass.fromCode(code).filter(TrafficClass::isVehicle).orElse(null);
                if (c == null) throw yaml.error(at + ".allowed_classes[" + i + "]", "unknown class '" + code + "' (known: " + knownClasses() + ")");
                allowed.add(c);
            }
            if (l.travel == null) throw yaml.error(at + ".travel", "required: {from: [x, y], to: [x, y]} along the legal direction");
            Point from = framePoint(l.travel.from, at + ".travel.from"), to = framePoint(l.travel.to, at + ".travel.to");
            if (from.equals(to)) throw yaml.error(at + ".travel", "from and to are the same point");
            return new Lane(l.name, area, allowed, new Segment(from, to));
        }

        private StopLine stopLine(SceneFile.StopLineEntry s, String at, Set<String> groups, Set<String> lanes) throws ConfigException {
            Point from = framePoint(s.from, at + ".from"), to = framePoint(s.to, at + ".to");
            if (from.equals(to)) throw yaml.error(at, "stop line '" + s.name + "' has zero length");
            String group = s.signalGroup == null ? "" : s.signalGroup;
            if (!groups.contains(group)) throw yaml.error(at + ".signal_group", "'" + group + "' is not one of the signal_groups " + groups);
            Set<String> exempt = new LinkedHashSet<>();
            for (int i = 0; i < s.exemptLanes.size(); i++) {
                String lane = s.exemptLanes.get(i);
                if (!lanes.contains(lane)) throw yaml.error(at + ".exempt_lanes[" + i + "]", "'" + lane + "' is not one of the lanes " + lanes);
                exempt.add(lane);
            }
            return new StopLine(s.name, from, to, group, exempt, s.hysteresisPx);
        }

        private SolidLine solidLine(SceneFile.SolidLineEntry s, String at) throws ConfigException {
            if (s.points == null || s.points.size() < 2) throw yaml.error(at + ".points", "at least 2 points [x, y] are required");
            List<Point> pts = new ArrayList<>();
            for (int i = 0; i < s.points.size(); i++) pts.add(framePoint(s.points.get(i), at + ".points[" + i + "]"));
            for (int i = 0; i + 1 < pts.size(); i++) {
                if (pts.get(i).equals(pts.get(i + 1))) throw yaml.error(at + ".points[" + (i + 1) + "]", "repeats the point before it");
            }
            return new SolidLine(s.name, pts, s.hysteresisPx);
        }

        private CountLine countLine(SceneFile.CountLineEntry l, String at) throws ConfigException {
            Point from = framePoint(l.from, at + ".from"), to = framePoint(l.to, at + ".to");
            try {
                return new CountLine(l.name, from, to, l.hysteresisPx);
            } catch (IllegalArgumentException e) {
                throw yaml.error(at, e.getMessage());
            }
        }

        private Optional<GroundPlane> groundPlane() throws ConfigException {
            SceneFile.GroundPlaneEntry g = f.groundPlane;
            if (g == null) return Optional.empty();
            List<Point> image = fourPoints(g.image, "ground_plane.image", true);
            List<Point> road = fourPoints(g.roadMetres, "ground_plane.road_metres", false);
            try {
                return Optional.of(new GroundPlane(image, road));
            } catch (IllegalArgumentException e) {
                throw yaml.error("ground_plane", e.getMessage());
            }
        }

        private List<Point> fourPoints(List<List<Double>> n, String at, boolean inFrame) throws ConfigException {
            if (n == null || n.size() != 4) throw yaml.error(at, "exactly 4 points [x, y] are required");
            List<Point> out = new ArrayList<>();
            for (int i = 0; i < 4; i++) out.add(inFrame ? framePoint(n.get(i), at + "[" + i + "]") : point(n.get(i), at + "[" + i + "]"));
            return out;
        }

        private Point framePoint(List<Double> n, String at) throws ConfigException {
            Point p = point(n, at);
            if (p.x() < 0 || p.y() < 0 || p.x() > width || p.y() > height) {
                throw yaml.error(at, "(" + fmt(p.x()) + ", " + fmt(p.y()) + ") is outside the " + width + "x" + height + " frame");
            }
            return p;
        }

        private Point point(List<Double> n, String at) throws ConfigException {
            if (n == null || n.size() != 2 || n.contains(null)) throw yaml.error(at, "expected [x, y] in pixels");
            return new Point(n.get(0), n.get(1));
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
