package vn.matthan.api.indicators;

/**
 * Where a value stands against its thresholds; each status has a symbol and words so that colour is never the only cue.
 * {@code NO_TARGET}: a value the catalog judges against no target (drawn in a neutral colour, never green, amber or red).
 */
public enum Status {
    GREEN("Đạt", "On track", "✓"), AMBER("Cần cố gắng", "Needs effort", "!"), RED("Chưa đạt", "Act now", "✗"),
    NO_TARGET("Không đặt mục tiêu", "No target set", "○"), NO_DATA("Chưa có số liệu", "No data", "–");

    public final String vi, en, symbol;

    Status(String vi, String en, String symbol) {
        this.vi = vi;
        this.en = en;
        this.symbol = symbol;
    }
}
