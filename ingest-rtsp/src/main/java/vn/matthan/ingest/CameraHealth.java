package vn.matthan.ingest;

/**
 * A snapshot of one camera's ingest health. {@code lastFrameAgeMs} is -1 before the first frame;
 * {@code damagedPackets} counts packets the decoder refused.
 */
public record CameraHealth(String cameraId, CameraState state, double inputFps, double analysedFps,
                           long decodedFrames, long analysedFrames, long droppedFrames, long damagedPackets,
                           long reconnects, long lastFrameAgeMs, String lastError) {
}
