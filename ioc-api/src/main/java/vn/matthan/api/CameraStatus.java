package vn.matthan.api;

import io.vertx.core.json.JsonObject;

/**
 * A camera's live status as the API shows it next to the camera (schema {@code CameraStatus} in openapi.json): the
 * ingest state, the counters of a camera this node runs, and the last error. The node supplies the values; the API
 * owns their names and shape.
 *
 * @param state     CONNECTING, STREAMING, STALLED, FAILED or STOPPED; null when not known on this node
 * @param counters  ingest and analysis counters; null when the camera does not run here
 * @param lastError why the camera is failing or not running; null when nothing went wrong
 */
public record CameraStatus(String state, Counters counters, String lastError) {
    /** Nothing known about the camera (it may run on another node): an empty object. */
    public static final CameraStatus UNKNOWN = new CameraStatus(null, null, null);

    /** A camera that does not run on this node, and why. */
    public static CameraStatus notRunning(String why) {
        return new CameraStatus("FAILED", null, why);
    }

    /** Ingest and analysis counters since the camera started; {@code lastFrameAgeMs} is -1 before the first frame. */
    public record Counters(double inputFps, double analysedFps, long decodedFrames, long analysedFrames, long droppedFrames,
                           long damagedPackets, long reconnects, long lastFrameAgeMs, long vehiclesSeen, long passages) {
    }

    /** The status as JSON; a source that knows nothing (null) gives the empty object of {@link #UNKNOWN}. */
    static JsonObject json(CameraStatus s) {
        return (s == null ? UNKNOWN : s).toJson();
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        if (state != null) o.put("state", state);
        if (counters != null) {
            o.put("input_fps", counters.inputFps()).put("analysed_fps", counters.analysedFps())
                    .put("decoded_frames", counters.decodedFrames()).put("analysed_frames", counters.analysedFrames())
                    .put("dropped_frames", counters.droppedFrames()).put("damaged_packets", counters.damagedPackets())
                    .put("reconnects", counters.reconnects()).put("last_frame_age_ms", counters.lastFrameAgeMs())
                    .put("vehicles_seen", counters.vehiclesSeen()).put("passages", counters.passages());
        }
        // A running camera always says whether it has an error (null when none): the wall clears its alert on null.
        if (lastError != null || counters != null) o.put("last_error", lastError);
        return o;
    }
}
