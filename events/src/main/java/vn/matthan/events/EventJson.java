package vn.matthan.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The one JSON mapping of every event, shared by producers and consumers. */
public final class EventJson {
    // Parser buffers from a lock-free pool: the default per-thread pool's lookup cost more than a passage's parse
    // in the stream job's threads (measured with JFR), whose thread-local maps are crowded.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newLockFreePool()).build())
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
        VehiclePassage p = readCanonicalPassage(json);
        if (p == null) p = read(json, VehiclePassage.class, "vehicle.passage");
        version(p.schemaVersion(), VehiclePassage.SCHEMA_VERSION);
        required(p.cameraId(), "camera_id");
        required(p.vehicleClass(), "vehicle_class");
        required(p.time(), "time");
        required(p.eventId(), "event_id");
        if (p.plateStatus() != null && !VehiclePassage.PLATE_STATUSES.contains(p.plateStatus())) {
            throw new MalformedEventException("plate_status '" + p.plateStatus() + "' is not one of " + VehiclePassage.PLATE_STATUSES);
        }
        if (p.plate() != null && !p.plate().matches("[A-Z0-9]{4,12}")) {
            throw new MalformedEventException("plate '" + p.plate() + "' is not a normalised plate (4-12 capital letters or digits)");
        }
        if (p.plateConfidence() != null && !(p.plateConfidence() >= 0 && p.plateConfidence() <= 1)) {
            throw new MalformedEventException("plate_confidence " + p.plateConfidence() + " is not between 0 and 1");
        }
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

    /**
     * The passage as our producers write it, read token by token: the busiest event, where the general mapping
     * (record creator, java.time's parser) took most of the stream job's parsing time. Anything unusual (a value of
     * another JSON type, another time format, broken JSON) gives null, and the general mapping reads the event and
     * gives its value or its error, so both paths accept and refuse the same events.
     */
    static VehiclePassage readCanonicalPassage(byte[] json) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            int version = 0;
            long track = 0;
            String id = null, camera = null, line = null, lane = null, type = null, direction = null, scene = null;
            String plate = null, plateDisplay = null, plateStatus = null, thumbnail = null;
            Double speed = null, plateConfidence = null;
            Boolean plateNeedsCheck = null;
            Instant time = null;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                boolean text = t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL;
                switch (field) {
                    case "schema_version" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) return null;
                        version = p.getIntValue();
                    }
                    case "track_id" -> {
                        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return null;
                        track = p.getLongValue();
                    }
                    case "speed_kmh" -> {
                        if (t == JsonToken.VALUE_NULL) speed = null;
                        else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) speed = p.getDoubleValue();
                        else return null;
                    }
                    case "plate_confidence" -> {
                        if (t == JsonToken.VALUE_NULL) plateConfidence = null;
                        else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) plateConfidence = p.getDoubleValue();
                        else return null;
                    }
                    case "plate_needs_check" -> {
                        if (t == JsonToken.VALUE_NULL) plateNeedsCheck = null;
                        else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) plateNeedsCheck = t == JsonToken.VALUE_TRUE;
                        else return null;
                    }
                    case "time" -> {
                        if (t != JsonToken.VALUE_STRING || (time = UtcTime.parseCanonical(p.getText())) == null) return null;
                    }
                    case "event_id", "camera_id", "count_line", "lane", "vehicle_class", "direction", "scene_version", "plate",
                         "plate_display", "plate_status", "thumbnail_sha256" -> {
                        if (!text) return null;
                        String v = p.getValueAsString();
                        switch (field) {
                            case "event_id" -> id = v;
                            case "camera_id" -> camera = v;
                            case "count_line" -> line = v;
                            case "lane" -> lane = v;
                            case "vehicle_class" -> type = v;
                            case "direction" -> direction = v;
                            case "plate" -> plate = v;
                            case "plate_display" -> plateDisplay = v;
                            case "plate_status" -> plateStatus = v;
                            case "thumbnail_sha256" -> thumbnail = v;
                            default -> scene = v;
                        }
                    }
                    default -> p.skipChildren(); // unknown fields are allowed, as in the general mapping
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return null;
            return new VehiclePassage(version, id, camera, line, lane, type, direction, speed, time, track, scene,
                    plate, plateDisplay, plateConfidence, plateNeedsCheck, plateStatus, thumbnail);
        } catch (IOException e) {
            return null; // the general mapping says what is wrong
        }
    }

    /** No readable time: a record so marked holds no watermark forward and is dead-lettered by its reader. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * The event time of any event ({@code time}, top level) in epoch milliseconds, or {@link #NO_TIME}: what the stream
     * job's sources stamp on each record before it is parsed, so that each Kafka partition gets its own watermark.
     * Only the tokens up to {@code time} are read; a time in another form than ours goes to the general mapping, so
     * the time read here is the time the event's own reader reads.
     */
    public static long timeMillis(byte[] json) {
        if (json == null) return NO_TIME;
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return NO_TIME;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if (!"time".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                Instant time = t == JsonToken.VALUE_STRING ? UtcTime.parseCanonical(p.getText()) : null;
                if (time == null) time = MAPPER.readValue(json, TimeOnly.class).time();
                return time == null ? NO_TIME : time.toEpochMilli();
            }
            return NO_TIME;
        } catch (IOException | ArithmeticException e) {
            return NO_TIME; // broken JSON or an absurd time: its reader dead-letters it with the reason
        }
    }

    private record TimeOnly(Instant time) {
    }

    static <T> T read(byte[] json, Class<T> type, String name) throws MalformedEventException {
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
