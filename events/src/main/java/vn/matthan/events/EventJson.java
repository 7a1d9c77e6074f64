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
        VehiclePassage p = read(json, VehiclePassage.class, "vehicle.passage");
        version(p.schemaVersion(), VehiclePassage.SCHEMA_VERSION);
        required(p.cameraId(), "camera_id");
        required(p.vehicleClass(), "vehicle_class");
        required(p.time(), "time");
        required(p.eventId(), "event_id");
        return p;
    }

    /** Reads a camera.health event and checks the contract. */
    public static CameraHealthEvent readHealth(byte[] json) throws MalformedEventException {
        CameraHealthEvent h = read(json, CameraHealthEvent.class, "camera.health");
        version(h.schemaVersion(), CameraHealthEvent.SCHEMA_VERSION);
        required(h.cameraId(), "camera_id");
        required(h.time(), "time");
        required(h.state(), "state");
        return h;
    }

    /** Reads a violation.detected event and checks the contract. */
    public static ViolationDetected readViolation(byte[] json) throws MalformedEventException {
        ViolationDetected v = read(json, ViolationDetected.class, "violation.detected");
        version(v.schemaVersion(), ViolationDetected.SCHEMA_VERSION);
        required(v.violationId(), "violation_id");
        required(v.violationType(), "violation_type");
        required(v.cameraId(), "camera_id");
        required(v.time(), "time");
        return v;
    }

    /** Reads a signal.phase event and checks the contract, including the phase name. */
    public static SignalPhaseChange readSignalPhase(byte[] json) throws MalformedEventException {
        SignalPhaseChange c = read(json, SignalPhaseChange.class, "signal.phase");
        version(c.schemaVersion(), SignalPhaseChange.SCHEMA_VERSION);
        required(c.controllerId(), "controller_id");
        required(c.time(), "time");
        required(c.phase(), "phase");
        if (!SignalPhaseChange.PHASES.contains(c.phase())) {
            throw new MalformedEventException("phase '" + c.phase() + "' is not one of " + SignalPhaseChange.PHASES);
        }
        return c;
    }

    private static <T> T read(byte[] json, Class<T> type, String name) throws MalformedEventException {
        try {
            return MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new MalformedEventException("not a " + name + " JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException("unreadable event: " + e.getMessage());
        }
    }

    private static void version(int actual, int supported) throws MalformedEventException {
        if (actual != supported) throw new MalformedEventException("unsupported schema_version " + actual);
    }

    private static void required(Object value, String field) throws MalformedEventException {
        if (value == null || (value instanceof String s && s.isBlank())) throw new MalformedEventException(field + " missing");
    }

    public static String preview(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
