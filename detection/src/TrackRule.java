package vn.matthan.detection.rules;

import java.util.Optional;

/** One violation rule. Called once per frame for every confirmed vehicle; keeps its own per-track memory. */
interface TrackRule {
    Optional<Violation> check(VehicleMotion v);

    /** Drops what the rule remembers about a track that no longer exists. */
    void forget(long trackId);
}
