package vn.matthan.api.indicators;

import java.util.Locale;

/** Tier of an administrative unit. Since July 2025 a province's children are communes directly (no district tier). */
public enum Level {
    PROVINCE("Tỉnh/Thành phố", "Province"), DISTRICT("Huyện/Quận/Thị xã", "District"), COMMUNE("Xã/Phường/Thị trấn", "Commune");

    public final String vi, en;

    Level(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    /** The lower-case name used in files, SQL and the API. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level of(String key) {
        for (Level l : values()) if (l.key().equals(key)) return l;
        throw new IllegalArgumentException("unknown level '" + key + "' (province, district or commune)");
    }
}
