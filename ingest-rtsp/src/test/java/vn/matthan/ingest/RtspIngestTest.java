package vn.matthan.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingest against a real RTSP server fed with the shared clips. */
class RtspIngestTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    static final Path LONG_CLIP = ASSETS.resolve("videos/intel_car-detection.mp4");       // 30 s, 12.5 fps
    static final Path LANES_CLIP = ASSETS.resolve("videos/udacity_lanelines_solidWhiteRight.mp4"); // 8.8 s, 25 fps

    @TempDir
    Path dir;

    @Test
    void framesArriveInOrderAtTheConfiguredAnalysisRate() throws Exception {
        try (RtspTestServer server = new RtspTestServer(Map.of("lanes", LANES_CLIP));
             Running cam = Running.start(camera("lanes", server.url("lanes"), 5), 200)) {
            VideoFrame first = cam.frames.poll(15, TimeUnit.SECONDS);
            assertThat(first).as("first frame over RTSP").isNotNull();
            List<VideoFrame> got = new ArrayList<>(List.of(first));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < end) {
                VideoFrame f = cam.frames.poll(200, TimeUnit.MILLISECONDS);
                if (f != null) got.add(f);
            }
            // The server pre-rolls about a second of video on connect, so the rate is measured in stream time.
            double streamSeconds = (got.get(got.size() - 1).ptsMicros() - first.ptsMicros()) / 1e6;
            assertThat(streamSeconds).isGreaterThan(3);
            assertThat((got.size() - 1) / streamSeconds).as("analysed frames per stream second").isBetween(4.5, 5.5);
            for (int i = 1; i < got.size(); i++) {
                assertThat(got.get(i).ptsMicros()).isGreaterThan(got.get(i - 1).ptsMicros());
                assertThat(got.get(i).wallClock()).isAfterOrEqualTo(got.get(i - 1).wallClock());
                assertThat(got.get(i).ptsMicros() - got.get(i - 1).ptsMicros()).as("sampled every 200 ms of stream time")
                        .isBetween(160_000L, 240_000L);
            }
            assertThat(first.width()).isEqualTo(960);
            assertThat(cam.stream.health().state()).isEqualTo(CameraState.STREAMING);
        }
    }

    @Test
    void aServerKilledMidStreamIsReportedStalledAndStreamsAgainSoonAfterItReturns() throws Exception {
        try (RtspTestServer server = new RtspTestServer(Map.of("lot", LONG_CLIP));
             Running cam = Running.start(camera("lot", server.url("lot"), 5), 4)) {
            await(15, () -> cam.stream.health().decodedFrames() > 10);
            server.kill();
            await(10, () -> cam.stream.health().state() == CameraState.STALLED);
            assertThat(cam.stream.health().lastError()).isNotBlank();
            Thread.sleep(3000); // the camera is down for a while
            assertThat(cam.stream.health().state()).isIn(CameraState.STALLED, CameraState.FAILED);

            server.start();
            long restarted = System.nanoTime();
            long before = cam.stream.health().decodedFrames();
            await(10, () -> cam.stream.health().state() == CameraState.STREAMING
                    && cam.stream.health().decodedFrames() > before + 5);
            assertThat((System.nanoTime() - restarted) / 1e9).as("seconds to stream again").isLessThan(10);
            assertThat(cam.stream.health().reconnects()).isGreaterThanOrEqualTo(1);
            assertThat(cam.stream.health().lastError()).isNull();
        }
    }

    @Test
    void aDeadCameraNeverSlowsALiveOne() throws Exception {
        try (RtspTestServer server = new RtspTestServer(Map.of("lanes", LANES_CLIP));
             Running dead = Running.start(camera("dead", "rtsp://127.0.0.1:9/none", 5), 4);
             Running wrongPath = Running.start(camera("wrong", server.url("no-such-mount"), 5), 4);
             Running live = Running.start(camera("live", server.url("lanes"), 5), 200)) {
            await(15, () -> live.stream.health().analysedFrames() > 0);
            long t0 = live.stream.health().analysedFrames();
            Thread.sleep(3000);
            assertThat(live.stream.health().analysedFrames() - t0).as("at least 5 fps for 3 s").isGreaterThanOrEqualTo(13L);
            assertThat(live.stream.health().state()).isEqualTo(CameraState.STREAMING);

            assertThat(dead.stream.health().state()).isEqualTo(CameraState.FAILED);
            assertThat(dead.stream.health().lastError()).isEqualTo("connection refused (FFmpeg error -111)");
            assertThat(wrongPath.stream.health().state()).isEqualTo(CameraState.FAILED);
            assertThat(wrongPath.stream.health().lastError()).contains("404");
        }
    }

    @Test
    void aNonVideoFileAndATruncatedVideoFailWithAClearReason() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "Biên bản: đây không phải là video.\n".repeat(100));
        byte[] full = Files.readAllBytes(LANES_CLIP);
        Path truncated = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(full, full.length / 3));
        try (Running a = Running.start(camera("text", text.toString(), 5), 4);
             Running b = Running.start(camera("cut", truncated.toString(), 25), 4)) {
            await(15, () -> a.stream.health().lastError() != null && b.stream.health().lastError() != null);
            assertThat(a.stream.health().state()).isEqualTo(CameraState.FAILED);
            assertThat(a.stream.health().lastError()).isEqualTo("invalid or corrupt data (FFmpeg error -1094995529)");
            await(15, () -> b.stream.health().state() == CameraState.FAILED);
            assertThat(b.stream.health().lastError()).containsAnyOf("truncated", "corrupt");
        }
    }

    @Test
    void aClipAroundAnInstantIsCutFromTheRingWithoutReencoding() throws Exception {
        try (RtspTestServer server = new RtspTestServer(Map.of("lot", LONG_CLIP));
             Running cam = Running.start(camera("lot", server.url("lot"), 5), 4)) {
            await(15, () -> cam.stream.health().decodedFrames() > 0);
            Thread.sleep(9500);
            java.time.Instant t = java.time.Instant.now().minusMillis(3500);
            Path clip = dir.resolve("clip.mp4");
            cam.stream.ring().cutClip(t.minusSeconds(3), t.plusSeconds(3), clip);

            Map<String, String> probe = ffprobe(clip);
            assertThat(Double.parseDouble(probe.get("duration"))).as("clip duration, s").isBetween(5.5, 6.5);
            assertThat(probe).containsEntry("codec_name", "h264").containsEntry("width", "768").containsEntry("height", "432");
            assertThat(cam.stream.ring().bytes()).isPositive();
            Process decode = new ProcessBuilder("ffmpeg", "-v", "error", "-i", clip.toString(), "-f", "null", "-")
                    .redirectErrorStream(true).start();
            String errors = new String(decode.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(decode.waitFor()).isZero();
            assertThat(errors).as("the clip decodes cleanly").isBlank();
        }
    }

    @Test
    void aClipOutsideTheBufferedWindowIsRefusedWithTheReason() throws Exception {
        PacketRing ring = new PacketRing(java.time.Duration.ofSeconds(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ring.cutClip(java.time.Instant.now().minusSeconds(2),
                java.time.Instant.now(), dir.resolve("x.mp4"))).hasMessage("no video buffered");
    }

    /** Format duration and first stream's codec and size, as ffprobe reads the file. */
    static Map<String, String> ffprobe(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name,width,height",
                "-of", "default=noprint_wrappers=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("ffprobe: " + out).isZero();
        Map<String, String> m = new java.util.HashMap<>();
        out.lines().filter(l -> l.contains("=")).forEach(l -> m.putIfAbsent(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return m;
    }

    private CameraConfig camera(String id, String url, double fps) {
        return new CameraConfig(id, id, "522", 15, 108, url, fps, false, dir);
    }

    static void await(int seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + seconds + " s").isTrue();
    }

    /** A camera stream on its own thread, stopped on close. */
    record Running(CameraStream stream, FrameHandoff frames, Thread thread) implements AutoCloseable {
        static Running start(CameraConfig c, int capacity) {
            FrameHandoff h = new FrameHandoff(capacity);
            CameraStream s = new CameraStream(c, h);
            Thread t = new Thread(s, "test-" + c.id());
            t.start();
            return new Running(s, h, t);
        }

        @Override
        public void close() throws InterruptedException {
            stream.stop();
            thread.join(10_000);
        }
    }
}
