package vn.matthan.detection.plate;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads voting for a plate: each valid read adds its confidence to its plate's tally and the most confident read of
 * each plate is kept. The winner has the highest tally; its share of the total says how far the reads agree.
 */
final class PlateBallot {
    private final Map<String, Double> tally = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, PlateRecognizer.Result> best = new HashMap<>();

    void vote(PlateRecognizer.Result read) {
        tally.merge(read.normalised(), read.confidence(), Double::sum);
        counts.merge(read.normalised(), 1, Integer::sum);
        best.merge(read.normalised(), read, (a, b) -> b.confidence() > a.confidence() ? b : a);
    }

    boolean isEmpty() {
        return tally.isEmpty();
    }

    String winner() {
        return tally.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The most confident read of this plate. */
    PlateRecognizer.Result best(String plate) {
        return best.get(plate);
    }

    int count(String plate) {
        return counts.get(plate);
    }

    /** This plate's tally over everything that was voted. */
    double share(String plate) {
        double total = tally.values().stream().mapToDouble(Double::doubleValue).sum();
        return total == 0 ? 0 : tally.get(plate) / total;
    }
}
