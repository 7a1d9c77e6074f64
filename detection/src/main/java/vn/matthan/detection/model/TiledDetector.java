package vn.matthan.detection.model;

import vn.matthan.detection.geometry.Box;
import vn.matthan.ingest.VideoFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects on overlapping tiles of the frame instead of the whole frame. The model's input is fixed (416 px for
 * YOLOX-Nano), so a 120-px car of a 1280-px frame reaches it as 39 px and is missed; on two tiles it reaches it as
 * about 70 px. Costs one model run per tile. A vehicle cut by a tile's inner edge is also seen whole by the
 * neighbouring tile (the overlap is wider than a near vehicle is long); the cut copy is dropped.
 */
public final class TiledDetector implements VehicleDetector {
    private static final double EDGE_PX = 3, CUT_COPY_COVER = 0.6, NMS_IOU = 0.45, SAME_VEHICLE_IOU = 0.7;

    /** How the tiles of a frame of a given size are laid out. */
    private interface Layout {
        List<FrameRegion> of(int width, int height);
    }

    /** The tiles last laid out, with the frame size they were laid out for (frames of a camera keep their size). */
    private record Laid(int width, int height, List<FrameRegion> tiles) {
    }

    private final VehicleDetector detector;
    private final Layout layout;
    private final String description;
    private volatile Laid laid;

    /**
     * @param overlap share of a tile's width (height) that it shares with its neighbour, in [0, 0.5)
     */
    public TiledDetector(VehicleDetector detector, int columns, int rows, double overlap) {
        if (columns < 1 || rows < 1 || columns * rows > 16) throw new IllegalArgumentException("tiles " + columns + "x" + rows + ": 1 to 16 tiles");
        if (overlap < 0 || overlap >= 0.5) throw new IllegalArgumentException("tile overlap " + overlap + ": in [0, 0.5)");
        this.detector = detector;
        this.layout = (w, h) -> grid(w, h, columns, rows, overlap);
        this.description = " tiles " + columns + "x" + rows;
    }

    /** Detects on these tiles of every frame (they must overlap where a vehicle can straddle two of them). */
    public TiledDetector(VehicleDetector detector, List<FrameRegion> tiles) {
        if (tiles.isEmpty() || tiles.size() > 16) throw new IllegalArgumentException(tiles.size() + " tiles: 1 to 16 tiles");
        List<FrameRegion> fixed = List.copyOf(tiles);
        this.detector = detector;
        this.layout = (w, h) -> {
            for (FrameRegion t : fixed) {
                if (!t.fits(w, h)) throw new IllegalArgumentException("tile " + t + " does not fit a " + w + "x" + h + " frame");
            }
            return fixed;
        };
        this.description = " on " + fixed.size() + " fixed tiles";
    }

    /** The tiles of a frame of this size, left to right, top to bottom. */
    public List<FrameRegion> tiles(int width, int height) {
        Laid l = laid;
        if (l == null || l.width() != width || l.height() != height) laid = l = new Laid(width, height, layout.of(width, height));
        return l.tiles();
    }

    private static List<FrameRegion> grid(int width, int height, int columns, int rows, double overlap) {
        int tw = (int) Math.ceil(width / (columns - overlap * (columns - 1)));
        int th = (int) Math.ceil(height / (rows - overlap * (rows - 1)));
        List<FrameRegion> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int x = columns == 1 ? 0 : (int) Math.round(c * (width - tw) / (double) (columns - 1));
                int y = rows == 1 ? 0 : (int) Math.round(r * (height - th) / (double) (rows - 1));
                out.add(new FrameRegion(x, y, Math.min(tw, width - x), Math.min(th, height - y)));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        List<FrameRegion> tiles = tiles(frame.width(), frame.height());
        List<List<Detection>> perTile = new ArrayList<>();
        for (FrameRegion t : tiles) perTile.add(t.toFrame(detector.detect(t.cut(frame))));
        List<Detection> all = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            for (Detection d : perTile.get(i)) {
                if (!cutCopy(d, tiles.get(i), frame, perTile, i)) all.add(d);
            }
        }
        return Nms.forTraffic(all, NMS_IOU, SAME_VEHICLE_IOU);
    }

    /** A box touching its tile's inner edge that another tile's box mostly covers: the same vehicle, cut. */
    private static boolean cutCopy(Detection d, FrameRegion tile, VideoFrame frame, List<List<Detection>> perTile, int own) {
        Box b = d.box();
        boolean atInnerEdge = (tile.x() > 0 && b.x1() <= tile.x() + EDGE_PX)
                || (tile.x() + tile.width() < frame.width() && b.x2() >= tile.x() + tile.width() - EDGE_PX)
                || (tile.y() > 0 && b.y1() <= tile.y() + EDGE_PX)
                || (tile.y() + tile.height() < frame.height() && b.y2() >= tile.y() + tile.height() - EDGE_PX);
        if (!atInnerEdge) return false;
        double area = b.width() * b.height();
        for (int j = 0; j < perTile.size(); j++) {
            if (j == own) continue;
            for (Detection o : perTile.get(j)) {
                if (o.trafficClass().isVehicle() != d.trafficClass().isVehicle()) continue;
                Box ob = o.box();
                double ix = Math.max(0, Math.min(b.x2(), ob.x2()) - Math.max(b.x1(), ob.x1()));
                double iy = Math.max(0, Math.min(b.y2(), ob.y2()) - Math.max(b.y1(), ob.y1()));
                if (ix * iy >= CUT_COPY_COVER * area && ob.width() * ob.height() > area) return true;
            }
        }
        return false;
    }

    @Override
    public String modelId() {
        return detector.modelId() + description;
    }

    @Override
    public void close() {
        detector.close();
    }
}
