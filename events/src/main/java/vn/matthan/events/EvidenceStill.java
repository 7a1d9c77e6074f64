package vn.matthan.events;

/**
 * How an evidence still is laid out: the camera frame with the data bar (time, place, plate, signal) burned in below
 * it. Shared by the packager that draws the bar and the viewers that show the scene without it.
 */
public final class EvidenceStill {
    private EvidenceStill() {
    }

    /** Height of the data bar under a frame of this width. */
    public static int dataBarHeight(int width) {
        return Math.max(48, width / 20);
    }
}
