package vn.matthan.detection.model;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import vn.matthan.ingest.VideoFrame;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Says whether a frame may skip detection because nothing moved in the analysed region: a grey copy of the region at
 * a quarter of its size (area-averaged, which also smooths compression noise) is compared pixel by pixel with the copy
 * of the last frame that was detected. Comparing with that frame, not the previous one, lets slow movement add up
 * until it counts. When the gate says "unchanged", the detections of that last detected frame still describe the
 * scene. One gate per camera; not thread-safe.
 */
public final class MotionGate {
    /** Side of the square of region pixels averaged into one pixel of the grey copy. */
    static final int SCALE = 4;

    /**
     * @param pixelThreshold   grey levels a pixel of the copy must change by to count as moved
     * @param minChangedPixels moved pixels that make a frame worth detecting
     * @param maxSkippedFrames frames skipped in a row after which the next one is detected anyway
     */
    public record Settings(boolean enabled, int pixelThreshold, int minChangedPixels, int maxSkippedFrames) {
        public static final Settings OFF = new Settings(false, 24, 3, 10);
    }

    private final Settings settings;
    private final FrameRegion region; // null: the whole frame
    private byte[] reference;
    private int referenceWidth, referenceHeight;
    private int skippedInARow;
    private long checked, skipped;

    public MotionGate(Settings settings, FrameRegion region) {
        this.settings = settings;
        this.region = region;
    }

    /**
     * True when nothing moved in the region since the last detected frame, so this frame's detection may be skipped;
     * false when it must be detected (the frame then becomes the reference).
     */
    public boolean unchanged(VideoFrame f) {
        if (!settings.enabled()) return false;
        checked++;
        FrameRegion r = region != null && region.fits(f.width(), f.height()) ? region : new FrameRegion(0, 0, f.width(), f.height());
        int w = Math.max(1, r.width() / SCALE), h = Math.max(1, r.height() / SCALE);
        byte[] grey = smallGrey(f, r, w, h);
        boolean comparable = reference != null && w == referenceWidth && h == referenceHeight;
        if (comparable && skippedInARow < settings.maxSkippedFrames() && changedPixels(grey) < settings.minChangedPixels()) {
            skippedInARow++;
            skipped++;
            return true;
        }
        reference = grey;
        referenceWidth = w;
        referenceHeight = h;
        skippedInARow = 0;
        return false;
    }

    private int changedPixels(byte[] grey) {
        int changed = 0, limit = settings.pixelThreshold(), enough = settings.minChangedPixels();
        for (int i = 0; i < grey.length && changed < enough; i++) {
            if (Math.abs((grey[i] & 0xff) - (reference[i] & 0xff)) >= limit) changed++;
        }
        return changed;
    }

    private static byte[] smallGrey(VideoFrame f, FrameRegion r, int w, int h) {
        if (f.width() <= 0 || f.height() <= 0 || f.bgr().length < f.width() * f.height() * 3) {
            throw new IllegalArgumentException("frame " + f.sequence() + " of camera " + f.cameraId()
                    + " has no pixels (" + f.width() + "x" + f.height() + ", " + f.bgr().length + " bytes)");
        }
        byte[] out = new byte[w * h];
        try (BytePointer src = new BytePointer(f.bgr());
             Mat frame = new Mat(f.height(), f.width(), CV_8UC3, src);
             Rect rect = new Rect(r.x(), r.y(), r.width(), r.height());
             Mat roi = new Mat(frame, rect);
             Mat small = new Mat();
             Mat grey = new Mat()) {
            resize(roi, small, new Size(w, h), 0, 0, INTER_AREA);
            cvtColor(small, grey, COLOR_BGR2GRAY);
            grey.data().get(out);
        }
        return out;
    }

    /** Frames the gate looked at. */
    public long checked() {
        return checked;
    }

    /** Frames it let skip detection. */
    public long skipped() {
        return skipped;
    }
}
