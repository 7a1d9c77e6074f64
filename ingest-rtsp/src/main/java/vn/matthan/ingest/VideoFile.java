package vn.matthan.ingest;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

/**
 * Decodes every frame of a video file as fast as possible (tests, benchmarks, offline analysis), on the same
 * demux → {@link VideoDecoder} → BGR path as live ingest.
 */
public final class VideoFile {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL); // problems are reported by the caller, once
    }

    private VideoFile() {
    }

    /** Calls {@code each} for every video frame in order; returns the number of frames. */
    public static long forEachFrame(String cameraId, Path file, Consumer<VideoFrame> each) throws IOException {
        return forEachFrame(cameraId, file, 1, 0, each);
    }

    /**
     * Decodes every frame; hands {@code each} the frames sampled at {@code sampleFps} of stream time (0 = all).
     * Returns the number of frames decoded.
     */
    public static long forEachFrame(String cameraId, Path file, int decoderThreads, double sampleFps,
                                    Consumer<VideoFrame> each) throws IOException {
        FrameSampler sampler = new FrameSampler(sampleFps);
        long n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toString())) {
            g.setVideoOption("threads", "1");
            g.start();
            AVFormatContext fmt = g.getFormatContext();
            int vi = VideoDecoder.videoStreamIndex(fmt);
            if (vi < 0) throw new IOException(file + ": no video stream");
            AVStream st = fmt.streams(vi);
            try (VideoDecoder decoder = new VideoDecoder(st, decoderThreads)) {
                AVPacket pkt;
                boolean eof = false;
                while (!eof) {
                    pkt = g.grabPacket();
                    if (pkt == null) {
                        eof = true;
                        decoder.send(null); // drain the frames still inside the decoder
                    } else if (pkt.stream_index() != vi || !decoder.send(pkt)) {
                        av_packet_unref(pkt);
                        continue;
                    }
                    while (decoder.receive()) {
                        long pts = decoder.ptsMicros();
                        long seq = n++;
                        if (!sampler.take(pts)) continue;
                        each.accept(new VideoFrame(cameraId, seq, Instant.now(), pts, decoder.width(), decoder.height(), decoder.bgr()));
                    }
                    if (pkt != null) av_packet_unref(pkt);
                }
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException(file + ": " + StreamErrors.describe(e.getMessage()), e);
        }
        return n;
    }
}
