package vn.matthan.testscenes;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.scene.GroundPlane;
import vn.matthan.detection.scene.SignalGroup;

import java.util.List;
import java.util.Locale;

/**
 * The generated junction approach, in road metres and in frame pixels. Road coordinates: X across the road
 * (right positive), Y along it away from the camera. Lanes, from left to right as the camera sees them:
 * S1 southbound mixed traffic (X −4..0), N1 and N2 northbound car lanes (0..3.5, 3.5..7), N3 northbound
 * motorbike lane (7..11). The northbound stop line is at Y = 40 with a signal head at the top right of the
 * frame; the N1/N2 divider is solid over the last 15 m before the stop line; the centre line (X = 0) is solid;
 * the count line crosses all lanes at Y = 20.
 */
public final class JunctionLayout {
    public static final int WIDTH = 1280, HEIGHT = 720;
    public static final double STOP_Y = 40, COUNT_Y = 20, SOLID_FROM_Y = 25, FAR_Y = 60;
    public static final double S1_LEFT = -4, N1_LEFT = 0, N2_LEFT = 3.5, N3_LEFT = 7, ROAD_RIGHT = 11;
    /** The kerb strip right of the road where cars pull over, and its no-parking zone (20 s allowed). */
    public static final double KERB_X = 12.3, KERB_FROM_Y = 10, KERB_TO_Y = 34, KERB_ALLOWED_S = 20;
    public static final SignalGroup.Region LIGHT = new SignalGroup.Region(1196, 40, 44, 126);

    /** Road metres → pixels: the near edge (Y = 0) spans the bottom of the frame, the far edge (Y = 60) narrows. */
    public static final GroundPlane PLANE = new GroundPlane(
            List.of(new Point(100, 700), new Point(1180, 700), new Point(860, 180), new Point(480, 180)),
            List.of(new Point(S1_LEFT, 0), new Point(ROAD_RIGHT, 0), new Point(ROAD_RIGHT, FAR_Y), new Point(S1_LEFT, FAR_Y)));

    private JunctionLayout() {
    }

    public static Point image(double x, double y) {
        return PLANE.toImage(new Point(x, y));
    }

    /**
     * The box a detector would draw around a vehicle with this road footprint and height: the projected footprint,
     * raised by the vehicle's height at its far end. Its bottom centre is the middle of the near edge.
     */
    public static Box box(double centreX, double nearY, double farY, double width, double height) {
        Point nl = image(centreX - width / 2, nearY), nr = image(centreX + width / 2, nearY);
        Point fl = image(centreX - width / 2, farY), fr = image(centreX + width / 2, farY);
        double pxPerMetreFar = fr.x() - fl.x();
        pxPerMetreFar /= width;
        double x1 = Math.min(Math.min(nl.x(), fl.x()), Math.min(nr.x(), fr.x()));
        double x2 = Math.max(Math.max(nl.x(), fl.x()), Math.max(nr.x(), fr.x()));
        double y2 = Math.max(nl.y(), nr.y());
        double y1 = Math.min(fl.y(), fr.y()) - height * pxPerMetreFar;
        return new Box(x1, y1, x2, y2);
    }

    /** The scene calibration a surveyor would write for this junction (the rules read it like any camera's). */
    public static String calibrationYaml(String signalSource) {
        StringBuilder y = new StringBuilder();
        y.append("# Generated junction approach (JunctionLayout). Road metres → pixels by the ground plane below.\n");
        y.append("version: \"synthetic-junction-1\"\n");
        y.append("frame: {width: ").append(WIDTH).append(", height: ").append(HEIGHT).append("}\n");
        y.append("signal_groups:\n");
        if (signalSource.equals("vision")) {
            y.append(String.format(Locale.ROOT, "  - {name: north, source: vision, light_region: [%d, %d, %d, %d], lock_seconds: 0.4, flicker_tolerance_seconds: 0.25}%n",
                    LIGHT.x(), LIGHT.y(), LIGHT.width(), LIGHT.height()));
        } else {
            y.append("  - {name: north, source: controller, controller_id: synthetic-junction}\n");
        }
        y.append("stop_lines:\n");
        y.append("  - {name: stop-north, from: ").append(pt(ROAD_RIGHT, STOP_Y)).append(", to: ").append(pt(N1_LEFT, STOP_Y))
                .append(", signal_group: north}\n");
        y.append("lanes:\n");
        lane(y, "S1", S1_LEFT, N1_LEFT, "[car, motorbike, bus, truck, bicycle]", false);
        lane(y, "N1", N1_LEFT, N2_LEFT, "[car, bus, truck]", true);
        lane(y, "N2", N2_LEFT, N3_LEFT, "[car, bus, truck]", true);
        lane(y, "N3", N3_LEFT, ROAD_RIGHT, "[motorbike, bicycle]", true);
        y.append("solid_lines:\n");
        y.append("  - {name: centre, points: [").append(pt(0, 0.5)).append(", ").append(pt(0, FAR_Y)).append("], hysteresis_px: 3}\n");
        y.append("  - {name: N1-N2-before-stop, points: [").append(pt(N2_LEFT, SOLID_FROM_Y)).append(", ").append(pt(N2_LEFT, STOP_Y))
                .append("], hysteresis_px: 3}\n");
        y.append("count_lines:\n");
        y.append("  - {name: entry, from: ").append(pt(ROAD_RIGHT, COUNT_Y)).append(", to: ").append(pt(S1_LEFT, COUNT_Y))
                .append(", hysteresis_px: 3}\n");
        y.append("ground_plane:\n");
        y.append("  image: [[100, 700], [1180, 700], [860, 180], [480, 180]]\n");
        y.append("  road_metres: [[-4, 0], [11, 0], [11, 60], [-4, 60]]\n");
        y.append("rules:\n");
        y.append("  red_light: {min_time_into_red_seconds: 0}\n");
        y.append("  lane: {min_frames: 8}\n");
        y.append("  wrong_way: {min_metres: 5}\n");
        y.append("  speeding: {limit_kmh: 50, tolerance_kmh: 5, window_seconds: 1.0}\n");
        return y.toString();
    }

    /**
     * The calibration with two restricted zones: the kerb strip (no parking, 20 s, during {@code kerbHours}; empty:
     * all day) and the last 10 m before the stop line over the northbound lanes (no stopping, 20 s, tied to the stop
     * line: the red-light queue stands there).
     */
    public static String calibrationYaml(String signalSource, List<String> kerbHours) {
        StringBuilder y = new StringBuilder(calibrationYaml(signalSource));
        y.append("restricted_zones:\n");
        y.append("  - {name: kerb, kind: parking, polygon: [").append(pt(11.2, KERB_FROM_Y)).append(", ").append(pt(13.4, KERB_FROM_Y))
                .append(", ").append(pt(13.4, KERB_TO_Y)).append(", ").append(pt(11.2, KERB_TO_Y)).append("], allowed_seconds: ")
                .append(KERB_ALLOWED_S);
        if (!kerbHours.isEmpty()) y.append(", hours: [").append(String.join(", ", kerbHours.stream().map(h -> "\"" + h + "\"").toList())).append("]");
        y.append("}\n");
        y.append("  - {name: junction-mouth, kind: stopping, polygon: [").append(pt(N1_LEFT, STOP_Y - 10)).append(", ").append(pt(ROAD_RIGHT, STOP_Y - 10))
                .append(", ").append(pt(ROAD_RIGHT, STOP_Y - 0.3)).append(", ").append(pt(N1_LEFT, STOP_Y - 0.3))
                .append("], allowed_seconds: 20, stop_line: stop-north, discharge_seconds: 10}\n");
        return y.toString();
    }

    private static void lane(StringBuilder y, String name, double left, double right, String classes, boolean north) {
        double mid = (left + right) / 2;
        y.append("  - {name: ").append(name).append(", polygon: [").append(pt(left, 0.5)).append(", ").append(pt(right, 0.5))
                .append(", ").append(pt(right, FAR_Y)).append(", ").append(pt(left, FAR_Y)).append("], allowed_classes: ")
                .append(classes).append(", travel: {from: ").append(pt(mid, north ? 5 : 55)).append(", to: ")
                .append(pt(mid, north ? 55 : 5)).append("}}\n");
    }

    private static String pt(double x, double y) {
        Point p = image(x, y);
        return String.format(Locale.ROOT, "[%.1f, %.1f]", p.x(), p.y());
    }
}
