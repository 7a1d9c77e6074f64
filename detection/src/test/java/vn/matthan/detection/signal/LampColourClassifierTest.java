package vn.matthan.detection.signal;

import org.junit.jupiter.api.Test;
import vn.matthan.detection.scene.SignalGroup;

import static org.assertj.core.api.Assertions.assertThat;

class LampColourClassifierTest {
    static final int W = 200, H = 120;
    final LampColourClassifier lamp = new LampColourClassifier(new SignalGroup.Region(80, 10, 30, 90));

    /** A dark grey frame with a signal head at x 80..110: lamps at y 10..40, 40..70, 70..100 (red, amber, green). */
    static byte[] head(int lit, int b, int g, int r) {
        byte[] px = new byte[W * H * 3];
        for (int i = 0; i < W * H; i++) {
            px[3 * i] = 40;
            px[3 * i + 1] = 40;
            px[3 * i + 2] = 40;
        }
        if (lit >= 0) {
            for (int y = 14 + lit * 30; y < 36 + lit * 30; y++) {
                for (int x = 84; x < 106; x++) {
                    int i = (y * W + x) * 3;
                    px[i] = (byte) b;
                    px[i + 1] = (byte) g;
                    px[i + 2] = (byte) r;
                }
            }
        }
        return px;
    }

    @Test
    void tellsTheLitLampByItsColour() {
        assertThat(lamp.classify(head(0, 30, 30, 235), W, H)).isEqualTo(SignalPhase.RED);
        assertThat(lamp.classify(head(1, 0, 190, 255), W, H)).isEqualTo(SignalPhase.AMBER);
        assertThat(lamp.classify(head(2, 120, 230, 40), W, H)).isEqualTo(SignalPhase.GREEN);
        assertThat(lamp.classify(head(-1, 0, 0, 0), W, H)).isEqualTo(SignalPhase.UNKNOWN);
        assertThat(lamp.classify(head(0, 60, 60, 70), W, H)).as("a dull reddish lamp is not lit").isEqualTo(SignalPhase.UNKNOWN);
    }
}
