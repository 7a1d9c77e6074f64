package vn.matthan.detection.rules;

import java.util.Optional;

/** One violation rule. Called once per frame for every confirmed vehicle; keeps its own per-track memory. */
interface TrackRule {
    Optional<Violation> check(VehicleMotion v);

    /**
     * A new track continues {@code fromTrackId}, a track the tracker lost a moment ago (see
     * {@link SceneAnalyser}): the rule may carry over what it knew of the vehicle. Called before the new track's
     * first {@link #check}.
     */
    default void continued(long fromTrackId, long toTrackId) {
    }

    /** Drops what the rule remembers about a track that no longer exists. */
    void forget(long trackId);
}
