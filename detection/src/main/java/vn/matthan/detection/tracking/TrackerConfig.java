package vn.matthan.detection.tracking;

import vn.matthan.config.Range;

/**
 * The {@code tracker:} section of {@code config/detection.yaml}: each ByteTrack parameter with its default and its
 * range (see {@link TrackerSettings} for what each one does). The defaults are ByteTrack's published ones, with three
 * hits to confirm and 3 s of memory at 10 analysed frames/s.
 */
public final class TrackerConfig {
    @Range(min = 0, max = 1)
    public double highScore = 0.5;
    @Range(min = 0, max = 1)
    public double lowScore = 0.1;
    @Range(min = 0, max = 1)
    public double newTrackScore = 0.6;
    @Range(min = 0, max = 1)
    public double firstStageIou = 0.2;
    @Range(min = 0, max = 1)
    public double secondStageIou = 0.5;
    @Range(min = 0, max = 1)
    public double tentativeIou = 0.3;
    @Range(min = 1, max = 100)
    public int hitsToConfirm = 3;
    @Range(min = 0, max = 10_000)
    public int maxLostFrames = 30;
    /** C-BIoU's larger buffer (Yang et al., WACV 2023): a swerving vehicle moves more than its prediction. */
    @Range(min = 0, max = 2)
    public double recoveryBuffer = 0.5;
    /** Half a second: a swerve or a few missed frames; longer, and a lost track catches the next car passing there. */
    @Range(min = 0, max = 10_000)
    public int recoveryMaxLostFrames = 5;

    /** @throws IllegalArgumentException when the scores are out of order (see {@link TrackerSettings}) */
    public TrackerSettings settings() {
        return new TrackerSettings(highScore, lowScore, newTrackScore, firstStageIou, secondStageIou, tentativeIou,
                hitsToConfirm, maxLostFrames, recoveryBuffer, recoveryMaxLostFrames);
    }
}
