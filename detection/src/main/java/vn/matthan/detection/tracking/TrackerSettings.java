package vn.matthan.detection.tracking;

/**
 * ByteTrack parameters.
 *
 * @param highScore      detections at or above this score take part in the first association and may start tracks
 * @param lowScore       detections between this and {@code highScore} only extend existing tracks (second stage)
 * @param newTrackScore  a new track needs a detection at least this sure
 * @param firstStageIou  minimum IoU between a predicted track and a high-score detection
 * @param secondStageIou minimum IoU for the low-score second stage (stricter: those detections are doubtful)
 * @param tentativeIou   minimum IoU for matching a tentative track
 * @param hitsToConfirm  matched frames before a track is confirmed and handed to the rules
 * @param maxLostFrames  frames a lost track is kept (predicted) before it is removed
 * @param recoveryBuffer how far (in box widths and heights, on each side) a lost track and a detection that would
 *                       start a new track are widened before they are compared in the recovery stage; 0 turns it off
 * @param recoveryMaxLostFrames how many frames after its last sighting a lost track can still be recovered
 */
public record TrackerSettings(double highScore, double lowScore, double newTrackScore, double firstStageIou,
                              double secondStageIou, double tentativeIou, int hitsToConfirm, int maxLostFrames, double recoveryBuffer,
                              int recoveryMaxLostFrames) {

    /** The defaults declared in {@link TrackerConfig}, the tracker section of the detection config. */
    public static TrackerSettings defaults() {
        return new TrackerConfig().settings();
    }

    public TrackerSettings {
        if (!(lowScore < highScore)) throw new IllegalArgumentException("tracker: low_score must be below high_score");
        if (newTrackScore < highScore) throw new IllegalArgumentException("tracker: new_track_score must be at least high_score");
        if (hitsToConfirm < 1 || maxLostFrames < 0 || recoveryBuffer < 0 || recoveryMaxLostFrames < 0) throw new IllegalArgumentException("tracker: counts must be positive");
    }
}
