package vn.matthan.ingest;

import java.nio.file.Path;

/**
 * One camera of the registry.
 *
 * @param id           stable id, also the Kafka key of its events
 * @param name         display name (Vietnamese)
 * @param unitCode     official administrative unit code (mã đơn vị hành chính) the camera belongs to
 * @param latitude     WGS84
 * @param longitude    WGS84
 * @param url          {@code rtsp://}, {@code rtsps://} or a video file for replay
 * @param analysisFps  frames per second handed to detection
 * @param loop         replay files endlessly (demo/replay only)
 * @param scene        scene calibration file, resolved against the registry file's folder
 * @param clipBufferSeconds how much compressed video is kept for evidence clips
 * @param passagePlates read the plate of every passing vehicle (route tracing), not only of violators
 */
public record CameraConfig(String id, String name, String unitCode, double latitude, double longitude,
                           String url, double analysisFps, boolean loop, Path scene, int clipBufferSeconds,
                           boolean passagePlates) {

    public CameraConfig(String id, String name, String unitCode, double latitude, double longitude,
                        String url, double analysisFps, boolean loop, Path scene, int clipBufferSeconds) {
        this(id, name, unitCode, latitude, longitude, url, analysisFps, loop, scene, clipBufferSeconds, true);
    }

    public static final int DEFAULT_CLIP_BUFFER_SECONDS = 20;

    public CameraConfig(String id, String name, String unitCode, double latitude, double longitude,
                        String url, double analysisFps, boolean loop, Path scene) {
        this(id, name, unitCode, latitude, longitude, url, analysisFps, loop, scene, DEFAULT_CLIP_BUFFER_SECONDS);
    }

    public boolean isNetworkStream() {
        return url.startsWith("rtsp://") || url.startsWith("rtsps://");
    }
}
