package vn.matthan.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A signal controller's phase change: the {@code signal.phase} event, keyed by controller id.
 *
 * @param controllerId the id cameras name in their scene calibration ({@code controller_id})
 * @param phase        green, amber, red or unknown (controller fault / flashing mode)
 * @param time         when the controller switched, by the controller's clock
 */
public record SignalPhaseChange(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("controller_id") String controllerId,
        @JsonProperty("phase") String phase,
        @JsonProperty("time") Instant time) {

    public static final int SCHEMA_VERSION = 1;
    public static final java.util.Set<String> PHASES = java.util.Set.of("green", "amber", "red", "unknown");
}
