package vn.matthan.detection.plate;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads voting for a plate: each valid read adds its confidence to its plate's tally and the most confident read of
 * each plate is kept; an abstention (a read that fits no plate) weighs in the total only. The winner has the highest
 * tally; its share of the total says how far the reads agree.
 */
final class PlateBallot {
    private final Map<String, Double> tally = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, PlateRecognizer.Result> best = new HashMap<>();
    private double abstained;

    void vote(PlateRecognizer.Result read) {
        tally.merge(read.normalised(), read.confidence(), Double::sum);
        counts.merge(read.normalised(), 1, Integer::sum);
        best.merge(read.normalised(), read, (a, b) -> b.confidence() > a.confidence() ? b : a);
    }

    void abstain(double weight) {
        abstained += weight;
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

    double meanConfidence(String plate) {
        return tally.get(plate) / counts.get(plate);
    }

    /** This plate's tally over everything that was voted or abstained. */
    double share(String plate) {
        return tally.get(plate) / (abstained + tally.values().stream().mapToDouble(Double::doubleValue).sum());
    }
}
