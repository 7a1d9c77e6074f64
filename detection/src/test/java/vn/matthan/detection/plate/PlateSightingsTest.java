package vn.matthan.detection.plate;

import org.junit.jupiter.api.Test;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;

import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlateSightingsTest {
    static final int W = 400, H = 300;

    /** A frame with a sharp chequered vehicle at (x, y) of size s, or a flat (blurred-looking) one. */
    static byte[] frame(int x, int y, int s, boolean sharp) {
        byte[] f = new byte[W * H * 3];
        Random rng = new Random(1);
        for (int r = y; r < y + s; r++) {
            for (int c = x; c < x + s; c++) {
                byte v = sharp ? (byte) (((r / 2 + c / 2) % 2) * 200) : (byte) 100;
                if (!sharp) v = (byte) (100 + rng.nextInt(3));
                for (int k = 0; k < 3; k++) f[(r * W + c) * 3 + k] = v;
            }
        }
        return f;
    }

    @Test
    void keepsTheLargestSharpestViewsOfEachTrack() {
        PlateSightings s = new PlateSightings(2, 40);
        s.offer(1, frame(10, 10, 60, true), W, H, new Box(10, 10, 70, 70), TrafficClass.CAR, 0.9);
        s.offer(1, frame(10, 10, 150, false), W, H, new Box(10, 10, 160, 160), TrafficClass.CAR, 0.9);
        s.offer(1, frame(10, 10, 150, true), W, H, new Box(10, 10, 160, 160), TrafficClass.CAR, 0.9);
        assertThat(s.best(1)).hasSize(2);
        assertThat(s.best(1).get(0).width()).isEqualTo(150);
        assertThat(s.best(1).get(0).quality()).isGreaterThan(s.best(1).get(1).quality());
        // the sharp large view ranks above the flat one of the same size
        assertThat(PlateSightings.sharpness(s.best(1).get(0).bgr(), 150, 150)).isGreaterThan(1000);
    }

    @Test
    void ignoresViewsTooSmallForAPlateAndForgetsEndedTracks() {
        PlateSightings s = new PlateSightings(3, 40);
        s.offer(1, frame(0, 0, 30, true), W, H, new Box(0, 0, 30, 30), TrafficClass.CAR, 0.9);
        assertThat(s.best(1)).isEmpty();
        s.offer(2, frame(0, 0, 80, true), W, H, new Box(0, 0, 80, 80), TrafficClass.CAR, 0.9);
        s.offer(3, frame(0, 0, 80, true), W, H, new Box(0, 0, 80, 80), TrafficClass.CAR, 0.9);
        s.retain(Set.of(3L));
        assertThat(s.best(2)).isEmpty();
        assertThat(s.best(3)).hasSize(1);
        assertThat(s.tracks()).isEqualTo(1);
    }

    @Test
    void cropsAreCopiesInsideTheFrame() {
        PlateSightings s = new PlateSightings(1, 40);
        byte[] f = frame(350, 250, 50, true);
        s.offer(1, f, W, H, new Box(350, 250, 420, 320), TrafficClass.CAR, 0.8);
        PlateSightings.View v = s.best(1).get(0);
        assertThat(v.width()).isEqualTo(50);
        assertThat(v.height()).isEqualTo(50);
        java.util.Arrays.fill(f, (byte) 0);
        int sum = 0;
        for (byte b : v.bgr()) sum += b & 0xff;
        assertThat(sum).as("the view keeps its pixels when the frame is reused").isGreaterThan(0);
    }
}
