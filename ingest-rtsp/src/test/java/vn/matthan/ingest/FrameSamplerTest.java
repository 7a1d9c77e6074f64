package vn.matthan.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameSamplerTest {
    @Test
    void takesTenOfTwentyFiveFramesPerSecondOnASteadyGrid() {
        FrameSampler s = new FrameSampler(10);
        List<Long> taken = new ArrayList<>();
        for (long pts = 0; pts < 1_000_000; pts += 40_000) if (s.take(pts)) taken.add(pts);
        assertThat(taken).containsExactly(0L, 120_000L, 200_000L, 320_000L, 400_000L, 520_000L, 600_000L, 720_000L, 800_000L, 920_000L);
    }

    @Test
    void resumesFromTheCurrentFrameAfterATimestampJump() {
        FrameSampler s = new FrameSampler(10);
        assertThat(s.take(0)).isTrue();
        assertThat(s.take(5_000_000)).isTrue();
        assertThat(s.take(5_040_000)).isFalse();
        assertThat(s.take(5_100_000)).isTrue();
    }

    @Test
    void zeroFpsTakesEveryFrame() {
        FrameSampler s = new FrameSampler(0);
        assertThat(s.take(0) && s.take(0) && s.take(1)).isTrue();
    }
}
