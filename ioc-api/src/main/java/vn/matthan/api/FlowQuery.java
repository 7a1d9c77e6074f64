package vn.matthan.api;

import io.vertx.core.MultiMap;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The validated parameters of {@code GET /api/flow}: camera, and a half-open range [from, to). */
record FlowQuery(String camera, Instant from, Instant to) {
    static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Set<String> KNOWN = Set.of("camera", "from", "to");

    /** Parses the query string; the exception message is the client-facing reason. */
    static FlowQuery parse(MultiMap params, Instant now) {
        for (String name : params.names()) {
            if (!KNOWN.contains(name)) throw new IllegalArgumentException("unknown parameter '" + name + "'");
        }
        String camera = params.get("camera");
        if (camera == null || camera.isBlank()) throw new IllegalArgumentException("parameter 'camera' is required");
        if (camera.length() > 64) throw new IllegalArgumentException("parameter 'camera' is too long");
        Instant to = instant(params.get("to"), "to", now);
        Instant from = instant(params.get("from"), "from", to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) throw new IllegalArgumentException("'from' must be before 'to'");
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("range longer than " + MAX_RANGE.toDays() + " days");
        }
        return new FlowQuery(camera, from, to);
    }

    private static Instant instant(String v, String name, Instant dflt) {
        if (v == null || v.isBlank()) return dflt;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }
}
