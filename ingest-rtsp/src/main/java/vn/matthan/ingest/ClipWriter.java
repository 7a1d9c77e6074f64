package vn.matthan.ingest;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_ROUND_NEAR_INF;
import static org.bytedeco.ffmpeg.global.avutil.AV_ROUND_PASS_MINMAX;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q_rnd;

/**
 * Remuxes buffered H.264 packets into MP4, bit for bit (stream copy). Packets before the clip's start (back
 * to the keyframe it needs) get negative timestamps, which the MP4 muxer turns into an edit list: players
 * decode from the keyframe and show the clip from its requested first instant.
 */
final class ClipWriter {
    private ClipWriter() {
    }

    static void write(AVCodecParameters par, AVRational inTb, List<AVPacket> packets, long startPts, Path out)
            throws IOException {
        AVFormatContext oc = new AVFormatContext(null);
        int rc = avformat_alloc_output_context2(oc, null, "mp4", out.toString());
        if (rc < 0 || oc.isNull()) throw new IOException("cannot create MP4 " + out + " (FFmpeg error " + rc + ")");
        try {
            AVStream st = avformat_new_stream(oc, null);
            avcodec_parameters_copy(st.codecpar(), par);
            st.codecpar().codec_tag(0);
            st.time_base(inTb);
            AVIOContext pb = new AVIOContext(null);
            if ((rc = avio_open(pb, out.toString(), AVIO_FLAG_WRITE)) < 0) {
                throw new IOException("cannot write " + out + " (FFmpeg error " + rc + ")");
            }
            oc.pb(pb);
            if ((rc = avformat_write_header(oc, (org.bytedeco.ffmpeg.avutil.AVDictionary) null)) < 0) {
                throw new IOException("cannot write the MP4 header of " + out + " (FFmpeg error " + rc + ")");
            }
            AVRational outTb = st.time_base();
            int round = AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX;
            for (AVPacket p : packets) {
                if (p.pts() != AV_NOPTS_VALUE) p.pts(av_rescale_q_rnd(p.pts() - startPts, inTb, outTb, round));
                if (p.dts() != AV_NOPTS_VALUE) p.dts(av_rescale_q_rnd(p.dts() - startPts, inTb, outTb, round));
                p.duration(av_rescale_q_rnd(p.duration(), inTb, outTb, round));
                p.stream_index(0);
                p.pos(-1);
                if ((rc = av_interleaved_write_frame(oc, p)) < 0) {
                    throw new IOException("cannot write a packet to " + out + " (FFmpeg error " + rc + ")");
                }
            }
            if ((rc = av_write_trailer(oc)) < 0) throw new IOException("cannot finish " + out + " (FFmpeg error " + rc + ")");
        } finally {
            if (oc.pb() != null && !oc.pb().isNull()) avio_closep(oc.pb());
            avformat_free_context(oc);
        }
    }
}
