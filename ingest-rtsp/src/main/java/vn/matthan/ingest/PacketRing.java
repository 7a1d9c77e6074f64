package vn.matthan.ingest;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * The last seconds of one camera's compressed video packets, as received (no re-encoding), indexed by the
 * wall-clock time they arrived. A clip around any instant still in the window is cut from it into MP4; the
 * window always reaches back to a keyframe so that the clip can be decoded from its first frame.
 */
public final class PacketRing implements AutoCloseable {
    record Entry(AVPacket packet, Instant wallClock, boolean key) {
    }

    private final Duration window;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private AVCodecParameters params;
    private final AVRational timeBase = new AVRational();
    private long bytes;

    public PacketRing(Duration window) {
        this.window = window;
    }

    /** A new connection: the stream parameters may have changed, so older packets cannot be mixed in. */
    synchronized void reset(AVCodecParameters par, AVRational tb) {
        clear();
        if (params == null) params = avcodec_parameters_alloc();
        avcodec_parameters_copy(params, par);
        timeBase.num(tb.num()).den(tb.den());
    }

    synchronized void add(AVPacket pkt, Instant wallClock) {
        if (params == null) return;
        AVPacket copy = av_packet_clone(pkt);
        if (copy == null) return;
        entries.addLast(new Entry(copy, wallClock, (pkt.flags() & AV_PKT_FLAG_KEY) != 0));
        bytes += pkt.size();
        evict(wallClock.minus(window));
    }

    /** When the oldest packet still buffered arrived, or null when nothing is buffered. */
    public synchronized Instant oldest() {
        return entries.isEmpty() ? null : entries.peekFirst().wallClock();
    }

    /** Drops what is older than the window, but never the last keyframe before the window's start. */
    private void evict(Instant oldest) {
        while (entries.size() > 1) {
            Entry first = entries.peekFirst();
            if (!first.wallClock().isBefore(oldest)) return;
            // Keep the head when it is the keyframe the window still depends on.
            Entry nextKey = null;
            for (Entry e : entries) {
                if (e != first && e.key()) {
                    nextKey = e;
                    break;
                }
            }
            if (nextKey == null || nextKey.wallClock().isAfter(oldest)) {
                if (first.key()) return;
            }
            entries.pollFirst();
            bytes -= first.packet().size();
            av_packet_free(first.packet());
        }
    }

    /** Compressed bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Wall-clock span held now, oldest and newest packet; null when empty. */
    public synchronized Instant[] span() {
        return entries.isEmpty() ? null : new Instant[]{entries.peekFirst().wallClock(), entries.peekLast().wallClock()};
    }

    /**
     * Writes the video between {@code from} and {@code to} (wall clock) to an MP4 file without re-encoding.
     *
     * @throws IOException when that time is no longer (or not yet) in the ring, or the file cannot be written
     */
    public void cutClip(Instant from, Instant to, Path out) throws IOException {
        List<AVPacket> copies = new ArrayList<>();
        AVCodecParameters par = avcodec_parameters_alloc();
        AVRational tb = new AVRational();
        long fromPts = AV_NOPTS_VALUE;
        try {
            synchronized (this) {
                if (entries.isEmpty() || params == null) throw new IOException("no video buffered");
                Instant first = entries.peekFirst().wallClock(), last = entries.peekLast().wallClock();
                if (from.isBefore(first) || to.isAfter(last.plusMillis(200))) {
                    throw new IOException("clip " + from + " – " + to + " is outside the buffered video " + first + " – " + last);
                }
                avcodec_parameters_copy(par, params);
                tb.num(timeBase.num()).den(timeBase.den());
                Entry start = null;
                for (Entry e : entries) {
                    if (e.key() && !e.wallClock().isAfter(from)) start = e;
                }
                if (start == null) start = entries.peekFirst();
                boolean on = false;
                for (Entry e : entries) {
                    if (e == start) on = true;
                    if (!on) continue;
                    if (e.wallClock().isAfter(to)) break;
                    if (fromPts == AV_NOPTS_VALUE && !e.wallClock().isBefore(from)) fromPts = e.packet().pts();
                    copies.add(av_packet_clone(e.packet()));
                }
            }
            if (fromPts == AV_NOPTS_VALUE) throw new IOException("no frame between " + from + " and " + to);
            ClipWriter.write(par, tb, copies, fromPts, out);
        } finally {
            copies.forEach(p -> av_packet_free(p));
            avcodec_parameters_free(par);
        }
    }

    private void clear() {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            av_packet_free(it.next().packet());
            it.remove();
        }
        bytes = 0;
    }

    @Override
    public synchronized void close() {
        clear();
        if (params != null) avcodec_parameters_free(params);
        params = null;
    }
}
