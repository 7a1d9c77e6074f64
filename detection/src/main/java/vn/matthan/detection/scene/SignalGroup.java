package vn.matthan.detection.scene;

/**
 * A set of signal heads that always show the same phase, and where the camera learns that phase.
 *
 * @param source             {@code VISION}: colour of {@code lightRegion} in the frame; {@code CONTROLLER}: phase
 *                           changes pushed by the signal controller (identified by {@code controllerId})
 * @param lockSeconds        a colour is believed only after it has been seen this long without a break
 * @param flickerToleranceSeconds gaps up to this long in a colour (LED flicker, one bad frame) do not break it
 * @param darkTimeoutSeconds no lit lamp for this long makes the phase unknown: no red-light violations then
 */
public record SignalGroup(String name, Source source, Region lightRegion, String controllerId,
                          double lockSeconds, double flickerToleranceSeconds, double darkTimeoutSeconds) {

    public enum Source { VISION, CONTROLLER }

    /** An axis-aligned rectangle in frame pixels. */
    public record Region(int x, int y, int width, int height) {
    }
}
