package vn.matthan.api.indicators;

import java.util.Map;

/**
 * What a document (a resolution) asks for, in its own words: the figure per tier and what it measures. A target whose
 * figure has not been confirmed against the document has no {@code levels}; no colour is drawn against it.
 *
 * @param wordingConfirmed false: {@code wordingVi} is a faithful name awaiting comparison with the document's text
 * @param appliesFrom      the period from which the document sets the target (e.g. {@code 2025}); may be null
 * @param comparison       {@code >} ("more than 90%"), {@code >=} ("at least"), {@code <} or {@code <=}
 */
public record Target(String id, String document, String wordingVi, boolean wordingConfirmed, String measures, String appliesFrom,
                     String comparison, Map<Level, Double> levels, String note) {

    /** "More than" / "less than": the figure itself does not reach the target. */
    public boolean strict() {
        return comparison.length() == 1;
    }

    public boolean higherIsBetter() {
        return comparison.startsWith(">");
    }

    public boolean hasFigure() {
        return !levels.isEmpty();
    }
}
