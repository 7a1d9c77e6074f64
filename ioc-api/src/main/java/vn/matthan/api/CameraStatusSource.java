package vn.matthan.api;

/** Live ingest/analysis status of a camera, where the node runs ingest itself; {@link CameraStatus#UNKNOWN} if unknown. */
@FunctionalInterface
public interface CameraStatusSource {
    CameraStatus status(String cameraId);

    CameraStatusSource NONE = id -> CameraStatus.UNKNOWN;
}
