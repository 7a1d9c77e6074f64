package vn.matthan.ingest;

import java.time.Instant;

/**
 * One decoded frame, owned by whoever received it.
 *
 * @param bgr  packed BGR24 pixels, {@code width * height * 3} bytes, rows without padding
 * @param ptsMicros stream presentation time (from the container/RTP clock)
 * @param wallClock time the frame was taken from the stream, the time events carry
 */
public record VideoFrame(String cameraId, long sequence, Instant wallClock, long ptsMicros,
                         int width, int height, byte[] bgr) {
}
