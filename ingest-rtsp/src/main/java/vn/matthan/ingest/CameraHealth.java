package vn.matthan.ingest;

/** A snapshot of one camera's ingest health. {@code lastFrameAgeMs} is -1 before the first frame. */
public record CameraHealth(String cameraId, CameraState state, long decodedFrames, long analysedFrames,
                           long droppedFrames, long reconnects, long lastFrameAgeMs, String lastError) {
}
