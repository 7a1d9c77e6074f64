package vn.matthan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code camera.health} event: one camera's ingest state, published every {@link #REPORT_PERIOD}.
 *
 * @param vehiclesInView confirmed vehicles the camera's tracker holds at that moment (null when the camera is not
 *                       analysed); with few passages it tells a jam from an empty road. Optional, added in schema 1.
 * @param totals         the camera node's running totals since the camera started (null when not analysed), so that
 *                       an API node that does not run the camera shows the same status as the one that does.
 *                       Optional, added in schema 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CameraHealthEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("camera_id") String cameraId,
        @JsonProperty("time") Instant time,
        @JsonProperty("state") String state,
        @JsonProperty("input_fps") double inputFps,
        @JsonProperty("analysed_fps") double analysedFps,
        @JsonProperty("dropped_frames") long droppedFrames,
        @JsonProperty("damaged_packets") long damagedPackets,
        @JsonProperty("reconnects") long reconnects,
        @JsonProperty("last_frame_age_ms") long lastFrameAgeMs,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("vehicles_in_view") Integer vehiclesInView,
        @JsonProperty("totals") Totals totals) {

    /** Frames decoded and analysed, vehicles seen and passages counted since the camera started on its node. */
    public record Totals(@JsonProperty("decoded_frames") long decodedFrames, @JsonProperty("analysed_frames") long analysedFrames,
                         @JsonProperty("vehicles_seen") long vehiclesSeen, @JsonProperty("passages") long passages) {
    }

    public static final int SCHEMA_VERSION = 1;
    /** How often a camera node reports each camera; readers judge a camera silent after a few missed reports. */
    public static final Duration REPORT_PERIOD = Duration.ofSeconds(5);

    public static CameraHealthEvent of(String cameraId, Instant time, String state, double inputFps, double analysedFps,
                                       long dropped, long damaged, long reconnects, long lastFrameAgeMs, String lastError) {
        String id = UUID.nameUUIDFromBytes((cameraId + "|health|" + time).getBytes(StandardCharsets.UTF_8)).toString();
        return new CameraHealthEvent(SCHEMA_VERSION, id, cameraId, time, state, inputFps, analysedFps, dropped, damaged,
                reconnects, lastFrameAgeMs, lastError, null, null);
    }

    public CameraHealthEvent withVehiclesInView(Integer n) {
        return new CameraHealthEvent(schemaVersion, eventId, cameraId, time, state, inputFps, analysedFps, droppedFrames,
                damagedPackets, reconnects, lastFrameAgeMs, lastError, n, totals);
    }

    public CameraHealthEvent withTotals(Totals t) {
        return new CameraHealthEvent(schemaVersion, eventId, cameraId, time, state, inputFps, analysedFps, droppedFrames,
                damagedPackets, reconnects, lastFrameAgeMs, lastError, vehiclesInView, t);
    }
}
