package vn.matthan.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding real files with JavaCV/FFmpeg; network (RTSP) behaviour is covered with a real RTSP server elsewhere. */
class CameraStreamTest {
    static final Path ASSETS = Path.of(System.getProperty("matthan.assets", "../../shared/assets"));
    @TempDir
    Path dir;

    @Test
    void aReplayedClipIsDecodedAtCameraSpeedAndSampledToTheAnalysisRate() throws Exception {
        Path clip = ASSETS.resolve("videos/udacity_vehicle-detection_test_video.mp4"); // 1.5 s at 25 fps
        CameraConfig cam = new CameraConfig("cam", "c", "522", 0, 0, clip.toString(), 10, false, clip);
        FrameHandoff handoff = new FrameHandoff(100);
        CameraStream stream = new CameraStream(cam, handoff);
        Thread t = new Thread(stream);
        t.start();
        VideoFrame first = handoff.poll(10, TimeUnit.SECONDS);
        Thread.sleep(2500);
        stream.stop();
        t.join(5000);

        assertThat(first).isNotNull();
        assertThat(first.width()).isEqualTo(1280);
        assertThat(first.height()).isEqualTo(720);
        assertThat(first.bgr()).hasSize(1280 * 720 * 3);
        CameraHealth h = stream.health();
        assertThat(h.decodedFrames()).as("every frame once, no replay without loop").isEqualTo(38L);
        assertThat(h.state()).isEqualTo(CameraState.STOPPED);
        assertThat(h.analysedFrames()).as("10 of 25 fps").isBetween(14L, 16L);
    }

    @Test
    void aCorruptVideoFailsWithAClearReasonAndIsRetried() throws Exception {
        Path junk = dir.resolve("corrupt.mp4");
        Files.write(junk, new byte[]{0, 0, 0, 24, 'f', 't', 'y', 'p', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        CameraConfig cam = new CameraConfig("cam", "c", "522", 0, 0, junk.toString(), 10, true, junk);
        CameraStream stream = new CameraStream(cam, new FrameHandoff(2));
        Thread t = new Thread(stream);
        t.start();
        Thread.sleep(1500);

        CameraHealth h = stream.health();
        stream.stop();
        t.join(5000);
        assertThat(h.state()).isIn(CameraState.FAILED, CameraState.CONNECTING);
        assertThat(h.lastError()).isNotBlank();
        assertThat(h.decodedFrames()).isZero();
    }

    @Test
    void errorsAreShortAndNeverShowPasswords() {
        assertThat(StreamErrors.describe("avformat_open_input() error -111: Could not open input \"rtsp://u:p@h/s\". (Has setFormat() been called?)"))
                .isEqualTo("connection refused (FFmpeg error -111)");
        assertThat(StreamErrors.describe("something odd at rtsp://admin:secret@10.0.0.1/live (Has setFormat() been called?) more"))
                .isEqualTo("something odd at rtsp://***@10.0.0.1/live");
    }
}
