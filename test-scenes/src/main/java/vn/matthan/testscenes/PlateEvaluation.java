package vn.matthan.testscenes;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.plate.PlateLocator;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.VietnamesePlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scores the plate recogniser on generated Vietnamese plates: each picture goes through the whole path a vehicle crop
 * takes (locate → rectify → read → grammar) and the result is compared with the ground truth, character for
 * character. Reports the exact-match share and the confidence/accuracy curve that sets the human-check threshold.
 */
public final class PlateEvaluation {
    /** One picture: what was on it, what came back, and how sure the recogniser said it was. */
    /** @param located the locator found the plate (always true when the recogniser started from the plate region) */
    public record Outcome(String truth, VietnamesePlate.Format format, boolean degraded, PlateRecognizer.Status status,
                          String read, double confidence, boolean needsHumanCheck, boolean located) {
        public boolean exact() {
            return truth.equals(read);
        }

        /** A read that names a plate, but the wrong one: the error that sends a fine to the wrong owner. */
        public boolean wrong() {
            return read != null && !exact();
        }
    }

    /**
     * One point of the curve: reads at or above {@code threshold} are accepted without a human check.
     *
     * @param coverage share of all plates accepted automatically
     * @param accuracy share of the accepted ones that are exact (1 when none is accepted)
     * @param wrongAccepted accepted reads that are wrong
     */
    public record CurvePoint(double threshold, double coverage, double accuracy, int wrongAccepted) {
    }

    private PlateEvaluation() {
    }

    /**
     * Where the recogniser starts: from the plate's region (its four corners, as a localiser finds them; measures
     * rectify → read → grammar) or from the whole vehicle crop (adds the LPD-YuNet localisation).
     */
    public enum Start { PLATE_REGION, VEHICLE_CROP }

    /**
     * {@code count} plates from {@code seed}, half of them two-line (motorbike or square car plates), clean or
     * degraded; the vehicle class given to the recogniser matches the plate's layout, as the detector would.
     */
    public static List<Outcome> run(PlateRecognizer recognizer, PlateImages images, int count, long seed, boolean degraded, Start start) {
        Random rng = new Random(seed);
        List<Outcome> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PlateImages.Sample s = images.sample(rng, i % 2 == 1, degraded);
            out.add(outcome(recognizer, s.bgr(), s.width(), s.height(), s.corners(), s.normalised(), s.format(), s.vehicleClass(), degraded, start));
        }
        return out;
    }

    /** The three plate kinds, in the order {@link #run(PlateRecognizer, PlateScenes, PlateGeneratorSpec.SeedRange, int, int, boolean, Start)} cycles them. */
    public static final List<VietnamesePlate.Format> KINDS = List.of(VietnamesePlate.Format.CAR_ONE_LINE, VietnamesePlate.Format.CAR_TWO_LINE,
            VietnamesePlate.Format.MOTORBIKE_TWO_LINE);

    /**
     * {@code count} pictures of {@link PlateScenes}, seeds {@code range.seed(first)} onwards, one-line car, two-line car
     * and motorbike plates in turn.
     */
    public static List<Outcome> run(PlateRecognizer recognizer, PlateScenes scenes, PlateGeneratorSpec.SeedRange range, int first, int count,
                                    boolean degraded, Start start) {
        List<Outcome> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PlateScenes.Scene s = scenes.scene(range.seed(first + i), KINDS.get(i % KINDS.size()), degraded);
            out.add(outcome(recognizer, s.bgr(), s.width(), s.height(), s.corners(), s.normalised(), s.format(), s.vehicleClass(), degraded, start));
        }
        return out;
    }

    private static Outcome outcome(PlateRecognizer recognizer, byte[] bgr, int w, int h, List<Point> corners, String truth,
                                   VietnamesePlate.Format format, TrafficClass hint, boolean degraded, Start start) {
        PlateRecognizer.Result r = start == Start.VEHICLE_CROP
                ? recognizer.recognize(bgr, w, h, new Box(0, 0, w, h), hint)
                : recognizer.read(bgr, w, h, new PlateLocator.Quad(corners, 1), hint);
        return new Outcome(truth, format, degraded, r.status(), r.normalised(), r.confidence(), r.needsHumanCheck(),
                start == Start.PLATE_REGION || located(recognizer, bgr, w, h, corners));
    }

    /** Whether one of the candidates the recogniser reads covers the true plate (IoU of the bounds at least 0.3). */
    static boolean located(PlateRecognizer recognizer, byte[] bgr, int width, int height, List<Point> corners) {
        Box truth = new PlateLocator.Quad(corners, 1).bounds();
        List<PlateLocator.Quad> found = recognizer.candidates(bgr, width, height, new Box(0, 0, width, height));
        return found.subList(0, Math.min(PlateRecognizer.TRIED, found.size())).stream().anyMatch(q -> q.bounds().iou(truth) >= 0.3);
    }

    public static double locatedShare(List<Outcome> outcomes) {
        return outcomes.isEmpty() ? 0 : outcomes.stream().filter(Outcome::located).count() / (double) outcomes.size();
    }

    public static double exactShare(List<Outcome> outcomes) {
        return outcomes.isEmpty() ? 0 : outcomes.stream().filter(Outcome::exact).count() / (double) outcomes.size();
    }

    /** Wrong reads the recogniser let through without asking for a human check. */
    public static List<Outcome> wrongWithoutCheck(List<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.wrong() && !o.needsHumanCheck()).toList();
    }

    /** Coverage and accuracy of automatic acceptance at thresholds 0, 0.05, …, 1. */
    public static List<CurvePoint> curve(List<Outcome> outcomes) {
        List<CurvePoint> points = new ArrayList<>();
        for (int k = 0; k <= 20; k++) {
            double t = k / 20.0;
            int accepted = 0, exact = 0, wrong = 0;
            for (Outcome o : outcomes) {
                if (o.read() == null || o.confidence() < t) continue;
                accepted++;
                if (o.exact()) exact++;
                else wrong++;
            }
            points.add(new CurvePoint(t, outcomes.isEmpty() ? 0 : accepted / (double) outcomes.size(),
                    accepted == 0 ? 1 : exact / (double) accepted, wrong));
        }
        return points;
    }
}
