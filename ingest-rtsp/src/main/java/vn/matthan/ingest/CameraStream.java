package vn.matthan.ingest;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

/**
 * Decodes one camera on its own thread and hands sampled frames to detection. Failures stay inside this
 * camera: it reports them, backs off and reconnects; other cameras never notice.
 */
public final class CameraStream implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CameraStream.class);
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    // Short enough that a camera back from a reboot streams again within 10 s, long enough not to hammer it.
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    static {
        // FFmpeg's own console lines are replaced by one clear line per camera problem (see report()).
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private final CameraConfig camera;
    private final FrameHandoff handoff;
    private final PacketRing ring;
    private final int decoderThreads;
    private final AtomicLong damagedPackets = new AtomicLong();
    private final RateMeter inputRate = new RateMeter(50);
    private final RateMeter analysedRate = new RateMeter(20);
    private volatile boolean running = true;
    private volatile CameraState state = CameraState.CONNECTING;
    private volatile String lastError;
    private String lastReported;
    private volatile long lastFrameNanos;
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong analysed = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private long sequence;

    public CameraStream(CameraConfig camera, FrameHandoff handoff) {
        this(camera, handoff, new PacketRing(Duration.ofSeconds(camera.clipBufferSeconds())), 1);
    }

    /**
     * @param ring           where compressed packets are kept for clips
     * @param decoderThreads FFmpeg decoder threads for this camera (1 keeps many cameras fair on few cores)
     */
    public CameraStream(CameraConfig camera, FrameHandoff handoff, PacketRing ring, int decoderThreads) {
        this.camera = camera;
        this.handoff = handoff;
        this.ring = ring;
        this.decoderThreads = decoderThreads;
    }

    public CameraConfig camera() {
        return camera;
    }

    public void stop() {
        running = false;
    }

    public CameraHealth health() {
        long age = lastFrameNanos == 0 ? -1 : (System.nanoTime() - lastFrameNanos) / 1_000_000;
        CameraState now = state;
        // Connected but silent: frames stopped without the connection failing (yet).
        if (now == CameraState.STREAMING && age > stallAfterMs()) now = CameraState.STALLED;
        return new CameraHealth(camera.id(), now, round(inputRate.perSecond()), round(analysedRate.perSecond()),
                decoded.get(), analysed.get(), handoff.dropped(), damagedPackets.get(), reconnects.get(), age,
                now == CameraState.STALLED && lastError == null ? "no frame for " + age + " ms" : lastError);
    }

    private static double round(double fps) {
        return Math.round(fps * 10) / 10.0;
    }

    private long stallAfterMs() {
        return 2000 + Math.round(2000 / Math.max(0.1, camera.analysisFps()));
    }

    @Override
    public void run() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            long before = decoded.get();
            try (FFmpegFrameGrabber grabber = open()) {
                state = CameraState.STREAMING;
                if (lastReported != null) log.info("camera {}: streaming again", camera.id());
                lastError = null;
                lastReported = null;
                pump(grabber);
                if (running && camera.isNetworkStream()) report("stream ended");
                else if (running && !camera.loop()) checkComplete(grabber, decoded.get() - before);
            } catch (Exception | UnsatisfiedLinkError e) {
                report(StreamErrors.describe(e.getMessage()));
            }
            if (!running) break;
            boolean gotFrames = decoded.get() > before;
            if (gotFrames) backoff = MIN_BACKOFF;
            if (gotFrames && !camera.isNetworkStream()) {
                if (camera.loop() && lastError == null) continue; // replay from the start
                if (lastError == null) log.info("camera {}: replay of {} finished", camera.id(), camera.url());
                state = lastError == null ? CameraState.STOPPED : CameraState.FAILED;
                break;
            }
            state = gotFrames ? CameraState.STALLED : CameraState.FAILED;
            reconnects.incrementAndGet();
            sleep(withJitter(backoff));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        if (state != CameraState.FAILED) state = CameraState.STOPPED;
    }

    /** A replayed file that ends far before its declared length is damaged, not finished. */
    private void checkComplete(FFmpegFrameGrabber g, long frames) {
        int declared = g.getLengthInVideoFrames();
        if (declared > 0 && frames < declared * 0.9) {
            report("file ended after " + frames + " of " + declared + " frames (truncated or damaged)");
        }
    }

    /** One error line when a problem starts or changes; repeats only count as reconnects. */
    private void report(String reason) {
        if (!reason.equals(lastReported)) {
            log.error("camera {}: cannot read {}: {}; retrying with backoff", camera.id(), StreamErrors.redact(camera.url()), reason);
            lastReported = reason;
        }
        lastError = reason;
    }

    private FFmpegFrameGrabber open() throws FFmpegFrameGrabber.Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(camera.url());
        if (camera.isNetworkStream()) {
            g.setOption("rtsp_transport", "tcp");
            g.setOption("timeout", "5000000"); // socket I/O timeout, microseconds
        }
        g.start();
        return g;
    }

    /**
     * Reads packets until the stream ends or fails: each video packet goes to the clip ring as received and
     * to the decoder; decoded frames are sampled to the analysis rate and handed to detection.
     */
    private void pump(FFmpegFrameGrabber g) throws IOException, FFmpegFrameGrabber.Exception {
        AVFormatContext fmt = g.getFormatContext();
        int vi = VideoDecoder.videoStreamIndex(fmt);
        if (vi < 0) throw new IOException("no video stream in " + StreamErrors.redact(camera.url()));
        AVStream st = fmt.streams(vi);
        ring.reset(st.codecpar(), st.time_base());
        FrameSampler sampler = new FrameSampler(camera.analysisFps());
        long firstPts = Long.MIN_VALUE;
        long startNanos = System.nanoTime();
        try (VideoDecoder decoder = new VideoDecoder(st, decoderThreads)) {
            AVPacket pkt;
            while (running && (pkt = g.grabPacket()) != null) {
                try {
                    if (pkt.stream_index() != vi) continue;
                    ring.add(pkt, Instant.now());
                    if (!decoder.send(pkt)) {
                        damagedPackets.incrementAndGet();
                        continue;
                    }
                    while (decoder.receive()) {
                        long pts = decoder.ptsMicros();
                        if (firstPts == Long.MIN_VALUE) firstPts = pts;
                        if (!camera.isNetworkStream()) paceTo(startNanos, pts - firstPts); // replay at camera speed
                        decoded.incrementAndGet();
                        inputRate.mark();
                        lastFrameNanos = System.nanoTime();
                        if (!sampler.take(pts)) continue;
                        handoff.offer(new VideoFrame(camera.id(), sequence++, Instant.now(), pts,
                                decoder.width(), decoder.height(), decoder.bgr()));
                        analysed.incrementAndGet();
                        analysedRate.mark();
                    }
                } finally {
                    av_packet_unref(pkt);
                }
            }
        }
    }

    /** The last seconds of compressed video of this camera, for evidence clips. */
    public PacketRing ring() {
        return ring;
    }

    private void paceTo(long startNanos, long mediaMicros) {
        long due = startNanos + mediaMicros * 1000;
        long wait = due - System.nanoTime();
        if (wait > 0) sleep(Duration.ofNanos(wait));
    }

    private static Duration withJitter(Duration d) {
        long ms = d.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
