package vn.matthan.detection.rules;

/** The violations the rules detect; the code goes into events and the database. */
public enum ViolationType {
    RED_LIGHT, LANE, WRONG_WAY, SPEEDING,
    /** Standing in a no-parking zone longer than allowed (đỗ xe sai quy định). */
    PARKING,
    /** Standing in a no-stopping zone longer than allowed (dừng xe sai quy định). */
    STOPPING;

    public String code() {
        return name().toLowerCase();
    }
}
