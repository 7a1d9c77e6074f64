package vn.matthan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code junction.congestion} event: a camera's junction became congested ({@code RAISED}), is still congested
 * one more minute ({@code ONGOING}), or flows again ({@code CLEARED}, with {@code cleared_at}).
 *
 * @param startedAt the first congested minute; with the camera id it names the episode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CongestionEvent(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("camera_id") String cameraId,
        @JsonProperty("state") String state,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("cleared_at") Instant clearedAt,
        @JsonProperty("congested_minutes") long congestedMinutes,
        @JsonProperty("peak_vehicles_in_view") double peakVehiclesInView,
        @JsonProperty("lowest_passages_per_minute") long lowestPassagesPerMinute) {

    public static final int SCHEMA_VERSION = 1;

    public static CongestionEvent of(String cameraId, String state, Instant startedAt, Instant clearedAt, long minutes, double peak,
                                     long lowest) {
        String id = UUID.nameUUIDFromBytes((cameraId + "|congestion|" + startedAt + "|" + state + "|" + minutes)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new CongestionEvent(SCHEMA_VERSION, id, cameraId, state, startedAt, clearedAt, minutes, peak, lowest);
    }
}
