package vn.matthan.api.indicators;

/**
 * "N units (or x %) of a level reach the target" of an indicator, counted from the units' statuses.
 *
 * @param requiredCount how many units must reach it; {@code requiredShare} the percentage instead; both null: the
 *                      figure awaits confirmation and the goal shows its count without a colour
 */
public record Goal(String id, String nameVi, String nameEn, String indicator, Level level, Integer requiredCount, Double requiredShare,
                   String note) {
}
