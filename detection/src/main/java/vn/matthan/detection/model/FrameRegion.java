package vn.matthan.detection.model;

import vn.matthan.detection.geometry.Box;
import vn.matthan.ingest.VideoFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * A rectangle of the frame that detection looks at, in whole pixels. The detector's input has a fixed size, so a
 * region smaller than the frame reaches it with more pixels per vehicle; detections come back in frame pixels.
 */
public record FrameRegion(int x, int y, int width, int height) {

    public FrameRegion {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("region " + width + "x" + height + "+" + x + "+" + y + " is empty or off the frame");
        }
    }

    /** The box rounded outwards to whole pixels and clipped to a frame of this size. */
    public static FrameRegion around(Box b, int frameWidth, int frameHeight) {
        int x1 = Math.max(0, (int) Math.floor(b.x1())), y1 = Math.max(0, (int) Math.floor(b.y1()));
        int x2 = Math.min(frameWidth, (int) Math.ceil(b.x2())), y2 = Math.min(frameHeight, (int) Math.ceil(b.y2()));
        return new FrameRegion(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
    }

    /** Whether this region lies inside a frame of this size. */
    public boolean fits(int frameWidth, int frameHeight) {
        return x + width <= frameWidth && y + height <= frameHeight;
    }

    /** A copy of the region's pixels as a frame of its own (same camera, sequence and times). */
    public VideoFrame cut(VideoFrame f) {
        if (!fits(f.width(), f.height())) {
            throw new IllegalArgumentException("region " + this + " does not fit frame " + f.sequence() + " of camera "
                    + f.cameraId() + " (" + f.width() + "x" + f.height() + ")");
        }
        byte[] out = new byte[width * height * 3];
        int row = width * 3;
        for (int r = 0; r < height; r++) System.arraycopy(f.bgr(), ((y + r) * f.width() + x) * 3, out, r * row, row);
        return new VideoFrame(f.cameraId(), f.sequence(), f.wallClock(), f.ptsMicros(), width, height, out);
    }

    /** Detections made on {@link #cut(VideoFrame)}, moved back to frame pixels. */
    public List<Detection> toFrame(List<Detection> found) {
        List<Detection> out = new ArrayList<>(found.size());
        for (Detection d : found) {
            Box b = d.box();
            out.add(new Detection(new Box(b.x1() + x, b.y1() + y, b.x2() + x, b.y2() + y), d.trafficClass(), d.score()));
        }
        return out;
    }
}
