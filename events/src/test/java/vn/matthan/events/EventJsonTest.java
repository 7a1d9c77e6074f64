package vn.matthan.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    @Test
    void passageRoundTripsThroughJsonWithSnakeCaseFields() throws Exception {
        VehiclePassage p = VehiclePassage.of("cam-01", "entry", null, "car", "forward",
                Instant.parse("2026-11-22T08:00:00.120Z"), 7, "v1", "s1");
        byte[] json = EventJson.toBytes(p);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"camera_id\":\"cam-01\"", "\"vehicle_class\":\"car\"", "\"time\":\"2026-11-22T08:00:00.120Z\"")
                .doesNotContain("speed_kmh", "\"lane\"");
        assertThat(EventJson.readPassage(json)).isEqualTo(p);
    }

    @Test
    void sameCrossingGivesSameIdSoReplaysUpsert() {
        Instant t = Instant.parse("2026-11-22T08:00:00Z");
        assertThat(VehiclePassage.of("cam-01", "entry", null, "car", "forward", t, 7, "v1", "s1").eventId())
                .isEqualTo(VehiclePassage.of("cam-01", "entry", null, "car", "forward", t, 7, "v1", "s1").eventId())
                .isNotEqualTo(VehiclePassage.of("cam-01", "entry", null, "car", "forward", t, 8, "v1", "s1").eventId());
    }

    @Test
    void malformedEventsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> EventJson.readPassage("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not a vehicle.passage");
        assertThatThrownBy(() -> EventJson.readPassage("{\"schema_version\":9}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unsupported schema_version 9");
        assertThatThrownBy(() -> EventJson.readPassage(
                "{\"schema_version\":1,\"event_id\":\"x\",\"vehicle_class\":\"car\",\"time\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("camera_id missing");
    }
}
