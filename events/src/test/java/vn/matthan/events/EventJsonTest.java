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
    void healthCarriesTheCameraNodesTotalsAndReportsWithoutThemStillRead() throws Exception {
        CameraHealthEvent h = CameraHealthEvent.of("cam-01", Instant.parse("2026-11-22T08:00:05Z"), "STREAMING", 25, 5, 1, 0, 0, 120, null)
                .withVehiclesInView(3).withTotals(new CameraHealthEvent.Totals(5000, 1000, 42, 17));
        byte[] json = EventJson.toBytes(h);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains(
                "\"totals\":{\"decoded_frames\":5000,\"analysed_frames\":1000,\"vehicles_seen\":42,\"passages\":17}");
        assertThat(EventJson.readHealth(json)).isEqualTo(h);

        CameraHealthEvent older = CameraHealthEvent.of("cam-01", Instant.parse("2026-11-22T08:00:05Z"), "STALLED", 0, 0, 0, 0, 2, -1, "timeout");
        assertThat(new String(EventJson.toBytes(older), StandardCharsets.UTF_8)).doesNotContain("totals");
        assertThat(EventJson.readHealth(EventJson.toBytes(older)).totals()).isNull();
    }

    @Test
    void theEventTimeAJobStampsOnARawRecordIsTheTimeItsReaderReads() throws Exception {
        Instant t = Instant.parse("2026-11-22T08:00:00.120Z");
        byte[] passage = EventJson.toBytes(VehiclePassage.of("cam-01", "entry", null, "car", "forward", t, 7, "v1", "s1"));
        assertThat(EventJson.timeMillis(passage)).isEqualTo(EventJson.readPassage(passage).time().toEpochMilli()).isEqualTo(t.toEpochMilli());
        byte[] health = EventJson.toBytes(CameraHealthEvent.of("cam-01", t, "STREAMING", 25, 5, 1, 0, 0, 120, null));
        assertThat(EventJson.timeMillis(health)).isEqualTo(t.toEpochMilli());
        // Another form of the same instant (an offset) is read by the general mapping, as the event's reader does.
        byte[] offset = "{\"nested\": {\"time\": 1}, \"time\": \"2026-11-22T15:00:00.120+07:00\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(EventJson.timeMillis(offset)).isEqualTo(t.toEpochMilli());
        for (String bad : new String[]{"{\"schema_version\": 1, \"camera_id\": ", "{\"camera_id\": \"c\"}", "[1]", "{\"time\": \"noon\"}"}) {
            assertThat(EventJson.timeMillis(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isEqualTo(EventJson.NO_TIME);
        }
    }

    @Test
    void aPassageCarriesThePlateReadOnItsVehicleAndOldPassagesWithoutOneStillRead() throws Exception {
        VehiclePassage counted = VehiclePassage.of("cam-01", "entry", "L1", "car", "forward",
                Instant.parse("2026-11-22T08:00:00.120Z"), 7, "v1", "s1");
        VehiclePassage read = counted.withPlate("READ", "51F12345", "51F-123.45", 0.91, false, "ab".repeat(32));
        String json = new String(EventJson.toBytes(read), StandardCharsets.UTF_8);
        assertThat(json).contains("\"plate\":\"51F12345\"", "\"plate_display\":\"51F-123.45\"", "\"plate_confidence\":0.91",
                "\"plate_needs_check\":false", "\"plate_status\":\"READ\"", "\"thumbnail_sha256\":\"" + "ab".repeat(32) + "\"");
        assertThat(EventJson.readPassage(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(read);
        assertThat(read.eventId()).as("reading the plate does not change which passage it is").isEqualTo(counted.eventId());
        assertThat(new String(EventJson.toBytes(counted), StandardCharsets.UTF_8)).doesNotContain("plate");
        assertThat(EventJson.readPassage(EventJson.toBytes(counted)).plateStatus()).isNull();
    }

    @Test
    void aPassagePlateThatBreaksTheContractIsRefusedWithTheReason() {
        String base = "{\"schema_version\":1,\"event_id\":\"e\",\"camera_id\":\"c\",\"vehicle_class\":\"car\",\"time\":\"2026-01-01T00:00:00Z\",%s}";
        assertThatThrownBy(() -> EventJson.readPassage(String.format(base, "\"plate_status\":\"MAYBE\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("plate_status 'MAYBE' is not one of");
        assertThatThrownBy(() -> EventJson.readPassage(String.format(base, "\"plate\":\"51F-123.45\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a normalised plate");
        assertThatThrownBy(() -> EventJson.readPassage(String.format(base, "\"plate_confidence\":1.5").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("plate_confidence 1.5 is not between 0 and 1");
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

    @Test
    void theFastPassageReaderAndTheGeneralMappingReadEveryEventAlike() throws Exception {
        String base = "{\"schema_version\":1,\"event_id\":\"e-1\",\"camera_id\":\"cam-01\",\"count_line\":\"stop\",\"lane\":%s,"
                + "\"vehicle_class\":\"car\",\"direction\":\"forward\",\"speed_kmh\":%s,\"time\":%s,\"track_id\":%s,\"scene_version\":\"v1\"%s}";
        String[][] variants = {
                {"\"L1\"", "42.5", "\"2026-11-22T08:00:00.120Z\"", "7", ""},
                {"null", "null", "\"2026-11-22T08:00:00Z\"", "7", ""},
                {"\"L1\"", "40", "\"2026-11-22T08:00:00.123456789Z\"", "9000000000", ",\"extra\":{\"a\":[1,2]}"},
                {"\"L1\"", "40", "\"2026-11-22T15:00:00+07:00\"", "7", ""},   // an offset: the general parser reads it
                {"\"L1\"", "\"fast\"", "\"2026-11-22T08:00:00Z\"", "7", ""},  // a string speed: the general mapping's error
                {"\"L1\"", "40", "\"2026-02-29T08:00:00Z\"", "7", ""},        // no such day
                {"\"L1\"", "40", "1763798400", "7", ""},                          // epoch seconds
                {"7", "40", "\"2026-11-22T08:00:00Z\"", "7", ""},                // a number for a name
                {"\"L1\"", "40", "\"2026-11-22T08:00:00Z\"", "7", ",\"plate\":\"51F12345\",\"plate_display\":\"51F-123.45\","
                        + "\"plate_confidence\":0.93,\"plate_needs_check\":false,\"plate_status\":\"READ\",\"thumbnail_sha256\":\"ab\""},
                {"\"L1\"", "40", "\"2026-11-22T08:00:00Z\"", "7", ",\"plate_confidence\":1,\"plate_needs_check\":null,\"plate_status\":\"SKIPPED\""},
                {"\"L1\"", "40", "\"2026-11-22T08:00:00Z\"", "7", ",\"plate_needs_check\":\"yes\""},   // not a boolean
        };
        for (String[] v : variants) {
            byte[] json = String.format(base, (Object[]) v).getBytes(StandardCharsets.UTF_8);
            Object general, read;
            try {
                general = EventJson.read(json, VehiclePassage.class, "vehicle.passage");
            } catch (MalformedEventException e) {
                general = e.getMessage();
            }
            try {
                read = EventJson.readPassage(json);
            } catch (MalformedEventException e) {
                read = e.getMessage();
            }
            assertThat(read).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(general);
        }
        assertThat(EventJson.readCanonicalPassage(String.format(base, (Object[]) variants[0]).getBytes(StandardCharsets.UTF_8)))
                .as("the usual event takes the fast path").isNotNull();
        assertThat(EventJson.readCanonicalPassage(String.format(base, (Object[]) variants[3]).getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void canonicalUtcTimesReadAsJavaTimeReadsThemAndAnythingElseIsLeftToIt() {
        for (String t : new String[]{"2026-11-22T08:00:00Z", "2026-11-22T08:00:00.1Z", "2026-11-22T08:00:00.120Z",
                "2024-02-29T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z"}) {
            assertThat(UtcTime.parseCanonical(t)).as(t).isEqualTo(Instant.parse(t));
        }
        for (String t : new String[]{"2026-02-29T08:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T08:00:60Z", "2026-11-22T08:00:00",
                "2026-11-22T08:00:00+07:00", "2026-11-22 08:00:00Z", "2026-11-22T08:00:00.Z", "2026-11-22T08:00:00.1234567890Z",
                "+12026-11-22T08:00:00Z", "2026-1x-22T08:00:00Z"}) {
            assertThat(UtcTime.parseCanonical(t)).as(t).isNull();
        }
    }
}
