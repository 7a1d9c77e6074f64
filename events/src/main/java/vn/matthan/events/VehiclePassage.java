package vn.matthan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed vehicle track crossing a count line: the {@code vehicle.passage} event.
 *
 * @param schemaVersion contract version; consumers reject versions they do not know
 * @param eventId       deterministic id (camera, line, track, frame time) so that replays upsert
 * @param cameraId      camera that saw the passage; also the Kafka key
 * @param countLine     name of the count line in the camera's scene calibration
 * @param lane          lane name, or null when the scene defines no lanes
 * @param vehicleClass  traffic class: car, motorbike, bus, truck, bicycle
 * @param direction     {@code forward} (the line's positive side) or {@code backward}
 * @param speedKmh      null unless the scene has a ground-plane calibration
 * @param time          frame wall-clock time of the crossing
 * @param trackId       tracker id within the camera session
 * @param sceneVersion  version of the scene calibration that produced the event
 * @param plate         the plate read on the vehicle's best views, normalised (letters and digits, e.g. 51F12345); null
 *                      when none was read (see {@code plateStatus})
 * @param plateDisplay  the same plate as written on it (51F-123.45)
 * @param plateConfidence confidence of the read, 0–1
 * @param plateNeedsCheck the read is below the camera node's confidence threshold: a human must check it before use
 * @param plateStatus   READ, NOT_FOUND, TOO_SMALL, UNREADABLE, or SKIPPED (not read: over the node's reading budget or
 *                      the camera reads plates of violators only); null from producers that never read plates
 * @param thumbnailSha256 a small picture of the vehicle at its best view, stored in the evidence store at
 *                      {@code evidence:sha256:<this>} (content-addressed), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VehiclePassage(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("camera_id") String cameraId,
        @JsonProperty("count_line") String countLine,
        @JsonProperty("lane") String lane,
        @JsonProperty("vehicle_class") String vehicleClass,
        @JsonProperty("direction") String direction,
        @JsonProperty("speed_kmh") Double speedKmh,
        @JsonProperty("time") Instant time,
        @JsonProperty("track_id") long trackId,
        @JsonProperty("scene_version") String sceneVersion,
        @JsonProperty("plate") String plate,
        @JsonProperty("plate_display") String plateDisplay,
        @JsonProperty("plate_confidence") Double plateConfidence,
        @JsonProperty("plate_needs_check") Boolean plateNeedsCheck,
        @JsonProperty("plate_status") String plateStatus,
        @JsonProperty("thumbnail_sha256") String thumbnailSha256) {

    public static final int SCHEMA_VERSION = 1;

    /** Plate statuses a passage may carry. */
    public static final java.util.Set<String> PLATE_STATUSES = java.util.Set.of("READ", "NOT_FOUND", "TOO_SMALL", "UNREADABLE", "SKIPPED");

    /** A passage as counted, before any plate was read (the fields of the first contract version). */
    public VehiclePassage(int schemaVersion, String eventId, String cameraId, String countLine, String lane, String vehicleClass,
                          String direction, Double speedKmh, Instant time, long trackId, String sceneVersion) {
        this(schemaVersion, eventId, cameraId, countLine, lane, vehicleClass, direction, speedKmh, time, trackId, sceneVersion,
                null, null, null, null, null, null);
    }

    /** The same passage with the outcome of reading its plate (plate fields null unless {@code status} is READ). */
    public VehiclePassage withPlate(String status, String plate, String display, Double confidence, Boolean needsCheck,
                                    String thumbnail) {
        return new VehiclePassage(schemaVersion, eventId, cameraId, countLine, lane, vehicleClass, direction, speedKmh, time,
                trackId, sceneVersion, plate, display, confidence, needsCheck, status, thumbnail);
    }

    public static VehiclePassage of(String cameraId, String countLine, String lane, String vehicleClass,
                                    String direction, Instant time, long trackId, String sceneVersion,
                                    String sessionId) {
        String key = String.join("|", cameraId, sessionId, countLine, Long.toString(trackId), time.toString());
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        return new VehiclePassage(SCHEMA_VERSION, id, cameraId, countLine, lane, vehicleClass, direction,
                null, time, trackId, sceneVersion);
    }
}
