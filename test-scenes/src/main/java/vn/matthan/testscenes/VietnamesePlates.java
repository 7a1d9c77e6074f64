package vn.matthan.testscenes;

import vn.matthan.detection.model.TrafficClass;

import java.util.Random;

/**
 * Random but well-formed Vietnamese plate numbers for generated scenes: cars one-line {@code 51F-123.45} (or the
 * older 4-digit {@code 30A-1234}), motorbikes two-line {@code 59-X1 123.45}. Province codes are drawn from codes
 * actually issued.
 */
public final class VietnamesePlates {
    static final int[] PROVINCES = {11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 40, 41,
            34, 35, 36, 37, 38, 43, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68,
            69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 81, 82, 83, 84, 85, 86, 88, 89, 90, 92, 93, 94, 95, 97, 98, 99};
    static final String CAR_SERIES = "ABCDEFGHKLMNPSTUVXYZ";
    static final String BIKE_SERIES = "BCDEFGHKLMNPSTUVXYZ";

    private VietnamesePlates() {
    }

    /** Display form of a random plate suited to the vehicle class. */
    public static String random(Random rng, TrafficClass c) {
        int province = PROVINCES[rng.nextInt(PROVINCES.length)];
        if (c == TrafficClass.MOTORBIKE || c == TrafficClass.BICYCLE) {
            char series = BIKE_SERIES.charAt(rng.nextInt(BIKE_SERIES.length()));
            return String.format("%02d-%c%d %03d.%02d", province, series, 1 + rng.nextInt(9), rng.nextInt(1000), rng.nextInt(100));
        }
        char series = CAR_SERIES.charAt(rng.nextInt(CAR_SERIES.length()));
        if (rng.nextInt(4) == 0) return String.format("%02d%c-%04d", province, series, rng.nextInt(10000));
        return String.format("%02d%c-%03d.%02d", province, series, rng.nextInt(1000), rng.nextInt(100));
    }
}
