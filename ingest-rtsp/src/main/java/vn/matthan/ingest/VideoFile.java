package vn.matthan.ingest;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/** Decodes every frame of a video file as fast as possible (tests, benchmarks, offline analysis). */
public final class VideoFile {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL); // problems are reported by the caller, once
    }

    private VideoFile() {
    }

    /** Calls {@code each} for every video frame in order; returns the number of frames. */
    public static long forEachFrame(String cameraId, Path file, Consumer<VideoFrame> each) throws IOException {
        long n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toString())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (f.image == null) continue;
                each.accept(new VideoFrame(cameraId, n++, Instant.now(), f.timestamp, f.imageWidth, f.imageHeight, packedBgr(f)));
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException(file + ": " + StreamErrors.describe(e.getMessage()), e);
        }
        return n;
    }

    /** Copies a BGR24 JavaCV frame into rows without stride padding. */
    static byte[] packedBgr(Frame f) {
        ByteBuffer buf = (ByteBuffer) f.image[0];
        int row = f.imageWidth * 3;
        byte[] out = new byte[row * f.imageHeight];
        for (int y = 0; y < f.imageHeight; y++) {
            buf.position(y * f.imageStride);
            buf.get(out, y * row, row);
        }
        buf.rewind();
        return out;
    }
}
