package vn.matthan.detection.rules;

/** The violations the rules detect; the code goes into events and the database. */
public enum ViolationType {
    RED_LIGHT, LANE, WRONG_WAY, SPEEDING;

    public String code() {
        return name().toLowerCase();
    }
}
