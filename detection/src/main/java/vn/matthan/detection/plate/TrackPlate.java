package vn.matthan.detection.plate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vehicle's plate read over several views of its track: each view is read, the valid reads vote weighted by their
 * confidence, and the winner keeps the crop of its most confident view for the evidence. Views that disagree lower
 * the confidence (a split vote is a doubtful read); any doubt below the threshold asks for a human check.
 *
 * @param result      the winning read (status NOT_FOUND / TOO_SMALL / UNREADABLE with the first view's reason when
 *                    no view gave a valid plate)
 * @param viewsRead   how many views were read
 * @param agreeing    how many of them gave the winning plate
 */
public record TrackPlate(PlateRecognizer.Result result, int viewsRead, int agreeing) {

    public static TrackPlate read(PlateRecognizer recognizer, List<PlateSightings.View> views) {
        if (views.isEmpty()) {
            return new TrackPlate(PlateRecognizer.Result.none(PlateRecognizer.Status.TOO_SMALL,
                    "no view of the vehicle large enough to look for a plate"), 0, 0);
        }
        Map<String, Double> votes = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Map<String, PlateRecognizer.Result> best = new HashMap<>();
        PlateRecognizer.Result firstMiss = null;
        for (PlateSightings.View v : views) {
            PlateRecognizer.Result r = recognizer.recognize(v.bgr(), v.width(), v.height(),
                    new vn.matthan.detection.Box(0, 0, v.width(), v.height()), v.vehicleClass());
            if (r.status() != PlateRecognizer.Status.READ) {
                if (firstMiss == null) firstMiss = r;
                continue;
            }
            votes.merge(r.normalised(), r.confidence(), Double::sum);
            counts.merge(r.normalised(), 1, Integer::sum);
            best.merge(r.normalised(), r, (a, b) -> b.confidence() > a.confidence() ? b : a);
        }
        if (votes.isEmpty()) return new TrackPlate(firstMiss, views.size(), 0);
        String winner = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        double total = votes.values().stream().mapToDouble(Double::doubleValue).sum();
        PlateRecognizer.Result w = best.get(winner);
        double confidence = w.confidence() * votes.get(winner) / total;
        PlateRecognizer.Result voted = new PlateRecognizer.Result(w.status(), w.normalised(), w.display(), w.format(), w.colour(),
                confidence, w.charConfidence(), w.repaired(), confidence < recognizer.threshold(), w.crop(), w.note(), w.raw());
        return new TrackPlate(voted, views.size(), counts.get(winner));
    }
}
