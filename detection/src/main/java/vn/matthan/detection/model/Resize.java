package vn.matthan.detection.model;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import vn.matthan.ingest.VideoFrame;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/** Bilinear resize of a packed BGR frame with OpenCV. */
final class Resize {
    private Resize() {
    }

    static byte[] bgr(VideoFrame f, int width, int height) {
        if (f.width() <= 0 || f.height() <= 0 || f.bgr().length < f.width() * f.height() * 3) {
            throw new IllegalArgumentException("frame " + f.sequence() + " of camera " + f.cameraId()
                    + " has no pixels (" + f.width() + "x" + f.height() + ", " + f.bgr().length + " bytes)");
        }
        byte[] px = new byte[width * height * 3];
        try (BytePointer src = new BytePointer(f.bgr());
             Mat in = new Mat(f.height(), f.width(), CV_8UC3, src);
             Mat out = new Mat()) {
            resize(in, out, new Size(width, height), 0, 0, INTER_LINEAR);
            out.data().get(px);
        }
        return px;
    }
}
