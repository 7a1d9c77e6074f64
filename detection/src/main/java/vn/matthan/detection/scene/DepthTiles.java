package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.FrameRegion;

import java.util.ArrayList;
import java.util.List;

/**
 * Detection tiles laid out along the depth of a calibrated road. A fixed-input detector (416 px for YOLOX-Nano) sees a
 * 1280-px frame at a third of its size, and a car 50 px wide at the far end of the approach reaches it as 16 px:
 * missed. A grid of tiles magnifies the near road as much as the far one and costs a model run per tile for nothing;
 * here the far road gets small (magnified) tiles and the near road, where vehicles are large, one wide tile. Each
 * band is as deep as it can be while the smallest vehicle at its far edge still reaches the model at
 * {@code minVehiclePx}; bands overlap by {@code overlapMetres} of road so a vehicle is whole in at least one tile
 * (the tiled detector drops the cut copy).
 */
public final class DepthTiles {
    private static final double STEP_M = 0.5;
    /** Room above a vehicle's road point for the tallest vehicle (a bus), in metres at that depth. */
    private static final double VEHICLE_TOP_M = 3.5;
    /** A bus or truck across, with room: the overlap of side-by-side tiles. */
    private static final double WIDEST_VEHICLE_M = 3.0;

    private DepthTiles() {
    }

    /**
     * @param modelInput         the detector's square input side in pixels
     * @param vehicleWidthMetres the narrowest vehicle that must be found (1.8 for cars, 0.7 for motorbikes)
     * @param minVehiclePx       its width at the model's input that the detector still finds
     * @param overlapMetres      road depth shared by neighbouring bands: at least a vehicle's length
     * @param maxTiles           at most this many tiles (model runs per frame); the last band takes the rest of the road
     */
    public static List<FrameRegion> of(SceneCalibration scene, int modelInput, double vehicleWidthMetres, double minVehiclePx,
                                       double overlapMetres, int maxTiles) {
        GroundPlane plane = scene.groundPlane().orElseThrow(() -> new IllegalArgumentException(
                "depth tiles need the scene's ground_plane (image and road points), scene " + scene.version()));
        if (maxTiles < 1) throw new IllegalArgumentException("maxTiles must be at least 1");
        Box region = scene.roadRegion().orElse(new Box(0, 0, scene.frameWidth(), scene.frameHeight()));
        double xMin = Double.MAX_VALUE, xMax = -Double.MAX_VALUE, dMin = Double.MAX_VALUE, dMax = -Double.MAX_VALUE;
        for (Point p : plane.roadPoints()) {
            xMin = Math.min(xMin, p.x());
            xMax = Math.max(xMax, p.x());
            dMin = Math.min(dMin, p.y());
            dMax = Math.max(dMax, p.y());
        }
        // Zones may lie beside the calibrated road (a kerb strip): widen the road across to take them in.
        for (RestrictedZone z : scene.restrictedZones()) {
            for (Point v : z.area().vertices()) {
                Point r = plane.toRoad(v);
                xMin = Math.min(xMin, r.x());
                xMax = Math.max(xMax, r.x());
            }
        }
        Road road = new Road(plane, xMin - vehicleWidthMetres / 2, xMax + vehicleWidthMetres / 2, region, scene.frameWidth(), scene.frameHeight());
        List<FrameRegion> tiles = new ArrayList<>();
        double far = dMax;
        while (true) {
            int left = maxTiles - tiles.size();
            double near = Math.max(dMin, far - overlapMetres - STEP_M);
            int columns = near <= dMin ? left : left - 1;
            if (left == 1) {
                near = dMin;
                columns = 1;
            } else {
                for (double a = dMin; a < far - overlapMetres; a += STEP_M) {
                    int c = a <= dMin ? left : left - 1;
                    if (road.vehiclePx(a, far, vehicleWidthMetres, modelInput, dMin, c) >= minVehiclePx) {
                        near = a;
                        columns = c;
                        break;
                    }
                }
            }
            tiles.addAll(road.tiles(near, far, dMin, columns));
            if (near <= dMin) return tiles;
            far = near + overlapMetres;
        }
    }

    private record Road(GroundPlane plane, double xMin, double xMax, Box region, int frameWidth, int frameHeight) {
        /** Pixels per road metre across the road at this depth. */
        double pxPerMetre(double depth) {
            Point l = plane.toImage(new Point(xMin, depth)), r = plane.toImage(new Point(xMax, depth));
            return Math.hypot(r.x() - l.x(), r.y() - l.y()) / (xMax - xMin);
        }

        Box band(double near, double far, double dMin) {
            double x1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y1 = Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
            for (double d : new double[]{near, far}) {
                for (double x : new double[]{xMin, xMax}) {
                    Point p = plane.toImage(new Point(x, d));
                    x1 = Math.min(x1, p.x());
                    x2 = Math.max(x2, p.x());
                    y1 = Math.min(y1, p.y());
                    y2 = Math.max(y2, p.y());
                }
            }
            y1 -= VEHICLE_TOP_M * pxPerMetre(far);
            if (near <= dMin) y2 = region.y2(); // the nearest band runs to the bottom of the region
            return new Box(Math.max(region.x1(), x1), Math.max(region.y1(), y1), Math.min(region.x2(), x2), Math.min(region.y2(), y2));
        }

        /**
         * The band cut into side-by-side tiles about as wide as the band is high (the model's input is square, so a
         * wide tile wastes it on letterbox padding), overlapping by the width of the widest vehicle at the band's
         * near edge.
         */
        List<FrameRegion> tiles(double near, double far, double dMin, int maxColumns) {
            Box b = band(near, far, dMin);
            double overlap = WIDEST_VEHICLE_M * pxPerMetre(near);
            int columns = Math.max(1, Math.min(maxColumns, (int) Math.round(b.width() / b.height())));
            double w = (b.width() + (columns - 1) * overlap) / columns;
            List<FrameRegion> out = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                double x = b.x1() + c * (w - overlap);
                out.add(FrameRegion.around(new Box(x, b.y1(), Math.min(b.x2(), x + w), b.y2()), frameWidth, frameHeight));
            }
            return out;
        }

        double vehiclePx(double near, double far, double vehicleWidthMetres, int modelInput, double dMin, int maxColumns) {
            FrameRegion t = tiles(near, far, dMin, maxColumns).get(0);
            return vehicleWidthMetres * pxPerMetre(far) * modelInput / Math.max(t.width(), t.height());
        }
    }
}
