package vn.matthan.detection.model;

import org.junit.jupiter.api.Test;
import vn.matthan.ingest.VideoFrame;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MotionGateTest {
    static final int W = 320, H = 180;
    static final MotionGate.Settings SHIPPED = new MotionGate.Settings(true, 24, 3, 10);
    /** The road: the lower-left part of the frame. */
    static final FrameRegion ROAD = new FrameRegion(0, 60, 200, 120);

    long seq;

    VideoFrame road(int carX, int carY, byte[] noise) {
        byte[] px = new byte[W * H * 3];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (90 + (noise == null ? 0 : noise[i]));
        fill(px, carX, carY, 24, 12, 200);
        return new VideoFrame("cam", seq++, Instant.EPOCH, seq * 200_000, W, H, px);
    }

    static void fill(byte[] px, int x, int y, int w, int h, int value) {
        for (int r = y; r < y + h; r++) for (int c = x; c < x + w; c++) for (int k = 0; k < 3; k++) px[(r * W + c) * 3 + k] = (byte) value;
    }

    @Test
    void aFrameWhereNothingMovedSkipsDetectionAndOneWhereAVehicleMovedDoesNot() {
        MotionGate gate = new MotionGate(SHIPPED, ROAD);
        assertThat(gate.unchanged(road(40, 100, null))).as("first frame: nothing to compare with").isFalse();
        assertThat(gate.unchanged(road(40, 100, null))).as("same picture").isTrue();
        assertThat(gate.unchanged(road(52, 100, null))).as("the car moved 12 px").isFalse();
        assertThat(gate.unchanged(road(52, 100, null))).isTrue();
        assertThat(gate.checked()).isEqualTo(4);
        assertThat(gate.skipped()).isEqualTo(2);
    }

    @Test
    void movementOutsideTheRoadRegionDoesNotCount() {
        MotionGate gate = new MotionGate(SHIPPED, ROAD);
        VideoFrame a = road(40, 100, null);
        gate.unchanged(a);
        VideoFrame b = road(40, 100, null);
        fill(b.bgr(), 260, 10, 30, 30, 250); // a flickering lamp or a bird, off the road
        assertThat(gate.unchanged(b)).isTrue();
        VideoFrame c = road(40, 100, null);
        fill(c.bgr(), 150, 150, 8, 8, 250); // a small motorbike entering the road
        assertThat(gate.unchanged(c)).isFalse();
    }

    @Test
    void compressionNoiseIsNotMovementButSlowCreepAddsUpUntilItIs() {
        MotionGate gate = new MotionGate(new MotionGate.Settings(true, 24, 3, 1000), ROAD);
        Random rng = new Random(1);
        gate.unchanged(road(40, 100, null));
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[W * H * 3];
            for (int k = 0; k < noise.length; k++) noise[k] = (byte) (rng.nextInt(13) - 6);
            assertThat(gate.unchanged(road(40, 100, noise))).as("noise of +-6 grey levels").isTrue();
        }
        // One pixel per frame is below what a quarter-size copy sees, but against the last detected frame it adds up.
        boolean detected = false;
        for (int x = 41; x <= 52 && !detected; x++) detected = !gate.unchanged(road(x, 100, null));
        assertThat(detected).as("a car creeping 1 px per frame is detected within 12 frames").isTrue();
    }

    @Test
    void afterTheLongestAllowedRunOfSkippedFramesTheNextIsDetected() {
        MotionGate gate = new MotionGate(new MotionGate.Settings(true, 24, 3, 3), ROAD);
        gate.unchanged(road(40, 100, null));
        assertThat(gate.unchanged(road(40, 100, null))).isTrue();
        assertThat(gate.unchanged(road(40, 100, null))).isTrue();
        assertThat(gate.unchanged(road(40, 100, null))).isTrue();
        assertThat(gate.unchanged(road(40, 100, null))).as("4th still frame in a row").isFalse();
        assertThat(gate.unchanged(road(40, 100, null))).isTrue();
    }

    @Test
    void switchedOffEveryFrameIsDetected() {
        MotionGate gate = new MotionGate(MotionGate.Settings.OFF, ROAD);
        gate.unchanged(road(40, 100, null));
        assertThat(gate.unchanged(road(40, 100, null))).isFalse();
        assertThat(gate.skipped()).isZero();
    }

    @Test
    void aRegionThatDoesNotFitTheFrameFallsBackToTheWholeFrame() {
        MotionGate gate = new MotionGate(SHIPPED, new FrameRegion(0, 0, 1280, 720));
        gate.unchanged(road(40, 100, null));
        assertThat(gate.unchanged(road(40, 100, null))).isTrue();
        assertThat(gate.unchanged(road(300 - 24, 10, null))).isFalse();
    }
}
