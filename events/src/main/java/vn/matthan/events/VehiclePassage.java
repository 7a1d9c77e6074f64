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
        @JsonProperty("scene_version") String sceneVersion) {

    public static final int SCHEMA_VERSION = 1;

    public static VehiclePassage of(String cameraId, String countLine, String lane, String vehicleClass,
                                    String direction, Instant time, long trackId, String sceneVersion,
                                    String sessionId) {
        String key = String.join("|", cameraId, sessionId, countLine, Long.toString(trackId), time.toString());
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        return new VehiclePassage(SCHEMA_VERSION, id, cameraId, countLine, lane, vehicleClass, direction,
                null, time, trackId, sceneVersion);
    }
}
