package vn.matthan.api.indicators;

/** Where a value stands against its thresholds; each status has a symbol and words so that colour is never the only cue. */
public enum Status {
    GREEN("Đạt", "On track", "✓"), AMBER("Cần cố gắng", "Needs effort", "!"), RED("Chưa đạt", "Act now", "✗"),
    NO_DATA("Không có số liệu", "No data", "–");

    public final String vi, en, symbol;

    Status(String vi, String en, String symbol) {
        this.vi = vi;
        this.en = en;
        this.symbol = symbol;
    }
}
