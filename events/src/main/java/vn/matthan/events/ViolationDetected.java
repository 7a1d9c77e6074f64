package vn.matthan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rule finding: the {@code violation.detected} event. Evidence and plate fields stay null until the evidence
 * package and the plate reader have produced them.
 *
 * @param violationId      deterministic (camera, session, rule, track) so that replays upsert
 * @param violationType    red_light, lane, wrong_way, speeding, parking, stopping
 * @param rule             rule instance that fired, e.g. {@code red_light:stop-north}
 * @param detail           the specific reason, e.g. {@code class_not_allowed}
 * @param unitCode         administrative unit of the camera (jurisdiction of the case)
 * @param place            lane, stop line or solid line involved
 * @param signalPhase      phase of the controlling signal group (red-light), else null
 * @param timeIntoRedS     seconds since red began when the vehicle was wholly past the stop line
 * @param speedKmh         measured speed (speeding)
 * @param indicative       the figure must be confirmed by other means before a fine (speed estimates)
 * @param box              [x1, y1, x2, y2] of the vehicle in frame pixels at the moment of the violation
 * @param plateNeedsCheck  the reading node found the plate doubtful (below its configured confidence): a human must
 *                         check it, and it never merges this violation with another
 * @param sceneVersion     calibration version + hash that produced the finding
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ViolationDetected(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("violation_id") String violationId,
        @JsonProperty("violation_type") String violationType,
        @JsonProperty("rule") String rule,
        @JsonProperty("detail") String detail,
        @JsonProperty("camera_id") String cameraId,
        @JsonProperty("unit_code") String unitCode,
        @JsonProperty("time") Instant time,
        @JsonProperty("place") String place,
        @JsonProperty("vehicle_class") String vehicleClass,
        @JsonProperty("track_id") long trackId,
        @JsonProperty("signal_phase") String signalPhase,
        @JsonProperty("time_into_red_s") Double timeIntoRedS,
        @JsonProperty("speed_kmh") Double speedKmh,
        @JsonProperty("indicative") boolean indicative,
        @JsonProperty("box") List<Double> box,
        @JsonProperty("plate_text") String plateText,
        @JsonProperty("plate_confidence") Double plateConfidence,
        @JsonProperty("plate_needs_check") Boolean plateNeedsCheck,
        @JsonProperty("evidence_uri") String evidenceUri,
        @JsonProperty("evidence_sha256") String evidenceSha256,
        @JsonProperty("scene_version") String sceneVersion) {

    public static final int SCHEMA_VERSION = 1;

    /** The same violation, pointing at its evidence package. */
    public ViolationDetected withEvidence(String uri, String sha256) {
        return new ViolationDetected(schemaVersion, violationId, violationType, rule, detail, cameraId, unitCode, time, place,
                vehicleClass, trackId, signalPhase, timeIntoRedS, speedKmh, indicative, box, plateText, plateConfidence, plateNeedsCheck, uri, sha256,
                sceneVersion);
    }

    /** The same violation with the plate as read (display form, e.g. {@code 51F-123.45}), its confidence and doubt. */
    public ViolationDetected withPlate(String text, double confidence, boolean needsCheck) {
        return new ViolationDetected(schemaVersion, violationId, violationType, rule, detail, cameraId, unitCode, time, place,
                vehicleClass, trackId, signalPhase, timeIntoRedS, speedKmh, indicative, box, text, confidence, needsCheck, evidenceUri,
                evidenceSha256, sceneVersion);
    }

    public static String idFor(String cameraId, String sessionId, String rule, long trackId) {
        String key = String.join("|", cameraId, sessionId, rule, Long.toString(trackId));
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
