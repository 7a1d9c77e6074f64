package vn.matthan.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one JSON mapping of every event, shared by producers and consumers. */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    public static byte[] toBytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event, e);
        }
    }

    /** Reads a passage and checks the contract; the message says what is wrong with the input. */
    public static VehiclePassage readPassage(byte[] json) throws MalformedEventException {
        VehiclePassage p;
        try {
            p = MAPPER.readValue(json, VehiclePassage.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new MalformedEventException("not a vehicle.passage JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("unreadable event: " + e.getMessage());
        }
        if (p.schemaVersion() != VehiclePassage.SCHEMA_VERSION) {
            throw new MalformedEventException("unsupported schema_version " + p.schemaVersion());
        }
        if (p.cameraId() == null || p.cameraId().isBlank()) throw new MalformedEventException("camera_id missing");
        if (p.vehicleClass() == null) throw new MalformedEventException("vehicle_class missing");
        if (p.time() == null) throw new MalformedEventException("time missing");
        if (p.eventId() == null) throw new MalformedEventException("event_id missing");
        return p;
    }

    /** Reads a camera.health event and checks the contract. */
    public static CameraHealthEvent readHealth(byte[] json) throws MalformedEventException {
        CameraHealthEvent h;
        try {
            h = MAPPER.readValue(json, CameraHealthEvent.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new MalformedEventException("not a camera.health JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("unreadable event: " + e.getMessage());
        }
        if (h.schemaVersion() != CameraHealthEvent.SCHEMA_VERSION) {
            throw new MalformedEventException("unsupported schema_version " + h.schemaVersion());
        }
        if (h.cameraId() == null || h.cameraId().isBlank()) throw new MalformedEventException("camera_id missing");
        if (h.time() == null) throw new MalformedEventException("time missing");
        if (h.state() == null) throw new MalformedEventException("state missing");
        return h;
    }

    public static String preview(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
