package vn.matthan.detection.plate;

import java.util.List;

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
        PlateBallot ballot = new PlateBallot();
        PlateRecognizer.Result firstMiss = null;
        for (PlateSightings.View v : views) {
            PlateRecognizer.Result r = recognizer.recognize(v.bgr(), v.width(), v.height(),
                    new vn.matthan.detection.geometry.Box(0, 0, v.width(), v.height()), v.vehicleClass());
            if (r.status() == PlateRecognizer.Status.READ) ballot.vote(r);
            else if (firstMiss == null) firstMiss = r;
        }
        if (ballot.isEmpty()) return new TrackPlate(firstMiss, views.size(), 0);
        String winner = ballot.winner();
        PlateRecognizer.Result w = ballot.best(winner);
        double confidence = w.confidence() * ballot.share(winner);
        PlateRecognizer.Result voted = new PlateRecognizer.Result(w.status(), w.normalised(), w.display(), w.format(), w.colour(),
                confidence, w.charConfidence(), w.repaired(), confidence < recognizer.threshold(), w.crop(), w.note(), w.raw());
        return new TrackPlate(voted, views.size(), ballot.count(winner));
    }
}
