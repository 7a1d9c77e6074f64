package vn.matthan.api;

import java.util.Optional;

/** The latest analysed frame of a camera as JPEG, where the node runs ingest itself. May block (encoding). */
@FunctionalInterface
public interface CameraSnapshots {
    Optional<byte[]> latestJpeg(String cameraId) throws Exception;

    CameraSnapshots NONE = id -> Optional.empty();
}
