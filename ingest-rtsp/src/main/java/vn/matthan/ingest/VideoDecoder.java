package vn.matthan.ingest;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Decodes the packets of one video stream to BGR24. Written on FFmpeg's own API because JavaCV's grabber
 * decodes only packets it reads itself, while ingest must also keep every compressed packet for clips.
 */
final class VideoDecoder implements AutoCloseable {
    private final AVCodecContext ctx;
    private final AVFrame frame = av_frame_alloc();
    private SwsContext sws;
    private BytePointer bgr;
    private int width, height;

    private static final AVRational MICROS = new AVRational().num(1).den(1_000_000);
    private final AVRational timeBase;

    /** A decoder for one stream of an opened input; timestamps are reported in microseconds of stream time. */
    VideoDecoder(AVStream stream, int threads) throws IOException {
        AVCodecParameters par = stream.codecpar();
        timeBase = stream.time_base();
        AVCodec codec = avcodec_find_decoder(par.codec_id());
        if (codec == null) throw new IOException("no decoder for codec id " + par.codec_id());
        ctx = avcodec_alloc_context3(codec);
        int rc = avcodec_parameters_to_context(ctx, par);
        ctx.thread_count(threads);
        if (rc < 0 || (rc = avcodec_open2(ctx, codec, (PointerPointer<?>) null)) < 0) {
            close();
            throw new IOException("cannot open the " + codec.name().getString() + " decoder (FFmpeg error " + rc + ")");
        }
    }

    /** Index of the first video stream of an opened input, or -1. */
    static int videoStreamIndex(org.bytedeco.ffmpeg.avformat.AVFormatContext fmt) {
        for (int i = 0; i < fmt.nb_streams(); i++) {
            if (fmt.streams(i).codecpar().codec_type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO) return i;
        }
        return -1;
    }

    /** Hands one compressed packet (null = end of stream: flush) to the decoder; false when it refused it. */
    boolean send(AVPacket pkt) {
        return avcodec_send_packet(ctx, pkt) >= 0;
    }

    /**
     * Moves to the next decoded picture; false when the decoder needs more packets. Conversion to BGR is left to
     * {@link #bgr()}, so frames that analysis skips cost only their decoding.
     */
    boolean receive() {
        av_frame_unref(frame);
        return avcodec_receive_frame(ctx, frame) >= 0;
    }

    /** Presentation time of the current picture in microseconds (0 when the stream gives none). */
    long ptsMicros() {
        long pts = frame.best_effort_timestamp();
        return pts == AV_NOPTS_VALUE ? 0 : av_rescale_q(pts, timeBase, MICROS);
    }

    int width() {
        return frame.width();
    }

    int height() {
        return frame.height();
    }

    /** The current picture as packed BGR24 rows. */
    byte[] bgr() {
        int w = frame.width(), h = frame.height();
        if (w != width || h != height || bgr == null) {
            width = w;
            height = h;
            if (bgr != null) bgr.close();
            bgr = new BytePointer((long) w * h * 3);
        }
        sws = sws_getCachedContext(sws, w, h, frame.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        // AVFrame starts with its data[] array, so the frame pointer doubles as the plane pointer array.
        try (PointerPointer<?> src = new PointerPointer<>((org.bytedeco.javacpp.Pointer) frame);
             PointerPointer<?> dst = new PointerPointer<BytePointer>(1L);
             IntPointer stride = new IntPointer(1L)) {
            dst.put(0, bgr);
            stride.put(0, w * 3);
            sws_scale(sws, src, frame.linesize(), 0, h, dst, stride);
        }
        byte[] px = new byte[w * h * 3];
        bgr.get(px);
        return px;
    }

    @Override
    public void close() {
        if (ctx != null) avcodec_free_context(ctx);
        av_frame_free(frame);
        if (sws != null) sws_freeContext(sws);
        if (bgr != null) bgr.close();
    }
}
