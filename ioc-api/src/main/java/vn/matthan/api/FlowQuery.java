package vn.matthan.api;

import java.time.Duration;
import java.time.Instant;

/** The parameters of {@code GET /api/flow}: camera, and a half-open range [from, to) of at most 31 days. */
record FlowQuery(String camera, Instant from, Instant to) {
    static final Duration MAX_RANGE = Duration.ofDays(31);

    /**
     * The query from parameters the contract accepted (a camera; instants in ISO-8601 when given); without {@code to}
     * it ends now, without {@code from} it starts an hour before its end. The range rules span two parameters, which a
     * schema cannot say: the exception message is the client-facing reason.
     */
    static FlowQuery of(String camera, String from, String to, Instant now) {
        Instant end = to == null ? now : Instant.parse(to);
        Instant start = from == null ? end.minus(Duration.ofHours(1)) : Instant.parse(from);
        if (!start.isBefore(end)) throw new IllegalArgumentException("'from' must be before 'to'");
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("range longer than " + MAX_RANGE.toDays() + " days");
        }
        return new FlowQuery(camera, start, end);
    }
}
