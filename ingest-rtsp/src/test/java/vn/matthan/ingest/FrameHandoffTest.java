package vn.matthan.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FrameHandoffTest {
    @Test
    void whenDetectionFallsBehindTheOldestFrameIsDroppedAndCounted() throws Exception {
        FrameHandoff h = new FrameHandoff(2);
        for (int i = 0; i < 5; i++) h.offer(frame(i));

        assertThat(h.dropped()).isEqualTo(3);
        assertThat(h.poll(10, TimeUnit.MILLISECONDS).sequence()).isEqualTo(3);
        assertThat(h.poll(10, TimeUnit.MILLISECONDS).sequence()).isEqualTo(4);
        assertThat(h.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    private static VideoFrame frame(long seq) {
        return new VideoFrame("c", seq, Instant.now(), seq, 1, 1, new byte[3]);
    }
}
