package vn.matthan.detection.model;

import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.pipeline.CameraPipeline;
import vn.matthan.detection.pipeline.DetectionEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.matthan.detection.scene.CountLine;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.ingest.StillImage;
import vn.matthan.ingest.VideoFrame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorBadInputTest {
    static final Path MODELS = YoloxDetectorTest.ASSETS.resolve("models");
    @TempDir
    Path dir;

    @Test
    void aCorruptModelFileIsRefusedWithItsName() throws Exception {
        Path bad = dir.resolve("yolox_nano.onnx");
        Files.write(bad, Arrays.copyOf(Files.readAllBytes(MODELS.resolve("yolox_nano.onnx")), 4096)); // truncated
        assertThatThrownBy(() -> new YoloxDetector(bad, 416, 0.3, 0.45, 1))
                .hasMessageContaining("not a loadable ONNX model").hasMessageContaining(bad.toString());
    }

    @Test
    void aModelWithOtherTensorsIsRefusedBeforeAnyCameraUsesIt() {
        // The plate reader takes uint8 [N,64,128,3] under another input name.
        assertThatThrownBy(() -> new YoloxDetector(MODELS.resolve("cct_xs_v1_global.onnx"), 416, 0.3, 0.45, 1))
                .hasMessageContaining("cct_xs_v1_global.onnx").hasMessageContaining("has no input 'images'");
        // DEIMv2 has an 'images' input but needs a second one and returns other outputs.
        assertThatThrownBy(() -> new YoloxDetector(MODELS.resolve("deimv2_hgnetv2_femto_coco.onnx"), 416, 0.3, 0.45, 1))
                .hasMessageContaining("does not work as YOLOX at 416 px");
        assertThatThrownBy(() -> new DeimDetector(MODELS.resolve("yolox_nano.onnx"), 416, 0.3, 1, 4))
                .hasMessageContaining("has no input 'orig_target_sizes'");
    }

    @Test
    void aGreyFrameGivesNoDetectionsAndAnEmptyFrameAClearError() throws Exception {
        try (YoloxDetector d = new YoloxDetector(MODELS.resolve("yolox_nano.onnx"), 416, 0.3, 0.45, 1)) {
            byte[] grey = new byte[640 * 480 * 3];
            Arrays.fill(grey, (byte) 128);
            assertThat(d.detect(new VideoFrame("c", 1, Instant.now(), 0, 640, 480, grey))).isEmpty();
            assertThatThrownBy(() -> d.detect(new VideoFrame("c", 2, Instant.now(), 0, 0, 0, new byte[0])))
                    .hasMessageContaining("frame 2 of camera c has no pixels");
        }
    }

    @Test
    void aBadFrameNeverStopsTheCameraLoop() throws Exception {
        try (YoloxDetector d = new YoloxDetector(MODELS.resolve("yolox_nano.onnx"), 416, 0.3, 0.45, 1)) {
            CameraConfig cam = new CameraConfig("c", "c", "522", 0, 0, "x.mp4", 10, false, dir);
            SceneCalibration scene = SceneCalibration.countingOnly("t", 1280, 720, List.of(new CountLine("l", new Point(0, 0), new Point(1, 1), 0)));
            FrameHandoff frames = new FrameHandoff(4);
            List<VehiclePassage> sent = new ArrayList<>();
            CameraPipeline pipeline = new CameraPipeline(cam, scene, frames, d, new DetectionEvents() {
                public void passage(VehiclePassage p) {
                    sent.add(p);
                }

                public void violation(ViolationDetected v) {
                }

                public void close() {
                }
            });
            Thread t = new Thread(pipeline);
            t.start();
            frames.offer(new VideoFrame("c", 1, Instant.now(), 0, 0, 0, new byte[0]));
            frames.offer(StillImage.read("c", YoloxDetectorTest.ASSETS.resolve("images/udacity_highway_test1.jpg")));
            long deadline = System.currentTimeMillis() + 20_000;
            while (pipeline.framesAnalysed() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(50);
            pipeline.stop();
            t.join(5000);
            assertThat(pipeline.framesAnalysed()).isEqualTo(1);
            assertThat(pipeline.vehiclesSeen()).isGreaterThanOrEqualTo(2);
        }
    }
}
