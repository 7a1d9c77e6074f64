package vn.matthan.detection.plate;

import org.bytedeco.opencv.opencv_core.Mat;
import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * A vehicle crop to a plate number: locate (LPD-YuNet) → rectify by the four corners → read (one-line plates whole;
 * two-line plates row by row, and whole, whichever gives a valid plate with more confidence) → Vietnamese grammar
 * with look-alike repair. Says why when there is no number: no plate found, plate too small to read, or a read that
 * no valid plate matches. Reads below the confidence threshold are marked for a human check.
 */
public final class PlateRecognizer implements AutoCloseable {
    public enum Status { READ, UNREADABLE, NOT_FOUND, TOO_SMALL }

    /**
     * @param confidence of one read: the weakest slot's probability (lowered when a look-alike was repaired); of the
     *                   plate: the agreeing reads' mean confidence × their share of all reads
     * @param crop       the rectified plate (BGR), kept as evidence; null when none was found
     * @param raw        the characters as the reader saw them, before the grammar (null when nothing was read)
     */
    public record Result(Status status, String normalised, String display, VietnamesePlate.Format format, String colour,
                         double confidence, double[] charConfidence, boolean repaired, boolean needsHumanCheck,
                         PlateRectifier.Plate crop, String note, String raw) {
        public static Result none(Status s, String note) {
            return new Result(s, null, null, null, null, 0, new double[0], false, true, null, note, null);
        }
    }

    static final double MIN_PLATE_WIDTH_PX = 28;
    /** Candidates read per vehicle. */
    public static final int TRIED = 2;
    private static final double[] MARGINS = {0.03, 0.08, 0.14};
    private final PlateLocator locator;
    private final PlateReader reader;
    private final double threshold;

    public PlateRecognizer(Path locatorModel, Path readerModel, int threads, double confidenceThreshold) throws IOException {
        this.locator = new PlateLocator(locatorModel, threads);
        try {
            this.reader = new PlateReader(readerModel, threads);
        } catch (IOException e) {
            locator.close();
            throw e;
        }
        this.threshold = confidenceThreshold;
    }

    public Result recognize(byte[] bgr, int width, int height, Box vehicle, TrafficClass hint) {
        if (vehicle.width() < 40 || vehicle.height() < 24) {
            return Result.none(Status.TOO_SMALL, String.format("vehicle %.0f×%.0f px is too small to find a plate", vehicle.width(), vehicle.height()));
        }
        List<PlateLocator.Quad> quads = candidates(bgr, width, height, vehicle);
        if (quads.isEmpty()) return Result.none(Status.NOT_FOUND, "no plate found on the vehicle");
        Result best = null;
        for (PlateLocator.Quad found : quads.subList(0, Math.min(TRIED, quads.size()))) {
            PlateLocator.Quad q = refine(bgr, width, height, found);
            double plateWidth = PlateLocator.dist(q.corners().get(0), q.corners().get(1));
            if (plateWidth < MIN_PLATE_WIDTH_PX) {
                Result r = Result.none(Status.TOO_SMALL, String.format("plate %.0f px wide, below the %.0f px needed to read it", plateWidth, MIN_PLATE_WIDTH_PX));
                if (best == null) best = r;
                continue;
            }
            for (PlateLocator.Quad v : layouts(q, hint)) {
                Result r = read(bgr, width, height, v, hint);
                if (best == null || rank(r) > rank(best)) best = r;
            }
            if (best.status() == Status.READ && !best.needsHumanCheck()) break;
        }
        return best;
    }

    /**
     * The plates {@link #recognize} reads, best first (it tries the first two). Finds in the whole crop, in its lower
     * part and in the lower centre, where plates sit: squeezed into the model's 320×240 input, the lower part shows a
     * wide Vietnamese plate with the proportions of the (Chinese) plates the model learnt from, and the lower centre
     * shows it larger (on TUNING seeds it lifted degraded recall from 0.767 to 0.844).
     */
    public List<PlateLocator.Quad> candidates(byte[] bgr, int width, int height, Box vehicle) {
        List<PlateLocator.Quad> all = new ArrayList<>(locator.locate(bgr, width, height, vehicle));
        all.addAll(locator.locate(bgr, width, height, new Box(vehicle.x1(), vehicle.y1() + 0.45 * vehicle.height(), vehicle.x2(), vehicle.y2())));
        all.addAll(locator.locate(bgr, width, height, new Box(vehicle.x1() + 0.15 * vehicle.width(), vehicle.y1() + 0.45 * vehicle.height(),
                vehicle.x2() - 0.15 * vehicle.width(), vehicle.y2())));
        return PlateLocator.bestApart(all);
    }

    /**
     * The find as it is and, when it is wide enough to be only the lower row of a two-line plate (the model, trained
     * on one-line plates, often boxes just that row), the same find extended upwards by one row.
     */
    static List<PlateLocator.Quad> layouts(PlateLocator.Quad q, TrafficClass hint) {
        double aspect = q.aspect();
        boolean maybeLowerRow = aspect >= 2.0 && (aspect <= 4.2 || hint != null && hint.isTwoWheeler());
        if (!maybeLowerRow) return List.of(q);
        var c = q.corners();
        vn.matthan.detection.geometry.Point tl = c.get(0), tr = c.get(1), br = c.get(2), bl = c.get(3);
        vn.matthan.detection.geometry.Point up = new vn.matthan.detection.geometry.Point(2 * tl.x() - bl.x(), 2 * tl.y() - bl.y());
        vn.matthan.detection.geometry.Point upRight = new vn.matthan.detection.geometry.Point(2 * tr.x() - br.x(), 2 * tr.y() - br.y());
        return List.of(q, new PlateLocator.Quad(List.of(up, upRight, br, bl), q.score()));
    }

    private static double rank(Result r) {
        return (r.status() == Status.READ ? 2 : r.status() == Status.UNREADABLE ? 1 : 0) + r.confidence();
    }

    /**
     * Looks again around a find: in the whole vehicle crop a plate is small and its corners are rough; in a window a
     * few plates wide it fills the model's input and the corners come out tight.
     */
    private PlateLocator.Quad refine(byte[] bgr, int width, int height, PlateLocator.Quad q) {
        Box b = q.bounds();
        Box window = new Box(b.x1() - 0.6 * b.width(), b.y1() - 1.2 * b.height(), b.x2() + 0.6 * b.width(), b.y2() + 1.2 * b.height());
        return locator.locate(bgr, width, height, window).stream().filter(r -> r.bounds().iou(b) > 0.3).findFirst().orElse(q);
    }

    /**
     * Reads the plate with these corners (TL, TR, BR, BL), e.g. found by the locator. The plate is straightened with
     * three margins around the corners (detectors cut tight or loose) and read whole, and row by row when it has two
     * lines; the valid plates among these reads vote, weighted by confidence.
     */
    public Result read(byte[] bgr, int width, int height, PlateLocator.Quad q, TrafficClass hint) {
        boolean twoLine = q.aspect() < 2.8;
        // Motorbikes carry only motorbike plates, cars only car plates: the detector's class settles the layout.
        boolean bike = hint != null && hint.isTwoWheeler();
        List<VietnamesePlate.Format> formats = bike ? List.of(VietnamesePlate.Format.MOTORBIKE_TWO_LINE)
                : !twoLine ? List.of(VietnamesePlate.Format.CAR_ONE_LINE)
                : hint != null ? List.of(VietnamesePlate.Format.CAR_TWO_LINE)
                : List.of(VietnamesePlate.Format.MOTORBIKE_TWO_LINE, VietnamesePlate.Format.CAR_TWO_LINE);
        PlateBallot ballot = new PlateBallot();
        PlateRectifier.Plate first = null;
        PlateReader.Read firstRead = null;
        for (double margin : MARGINS) {
            PlateRectifier.Plate plate = PlateRectifier.rectify(bgr, width, height, q.corners(), margin);
            List<PlateReader.Read> reads = new ArrayList<>();
            reads.add(reader.read(plate.bgr(), plate.width(), plate.height()));
            if (twoLine) {
                PlateRectifier.Plate[] rows = PlateRectifier.rows(plate);
                reads.add(join(reader.read(rows[0].bgr(), rows[0].width(), rows[0].height()),
                        reader.read(rows[1].bgr(), rows[1].width(), rows[1].height())));
            }
            if (first == null) {
                first = plate;
                firstRead = reads.get(0);
            }
            for (PlateReader.Read r : reads) {
                boolean valid = false;
                for (VietnamesePlate.Format f : formats) {
                    Optional<VietnamesePlate.Number> n = VietnamesePlate.repair(r.text(), f);
                    if (n.isEmpty()) continue;
                    valid = true;
                    double conf = r.minConfidence() * (n.get().repaired() ? 0.85 : 1);
                    ballot.vote(new Result(Status.READ, n.get().normalised(), n.get().display(), f, null, conf,
                            r.confidence(), n.get().repaired(), false, plate, null, r.text()));
                    break; // the first layout that fits this read is the one meant
                }
                if (!valid) ballot.abstain(r.minConfidence());
            }
        }
        if (ballot.isEmpty()) {
            return new Result(Status.UNREADABLE, null, null, null, colour(first), firstRead.minConfidence(), firstRead.confidence(), false,
                    true, first, "read '" + firstRead.text() + "' is not a valid Vietnamese plate", firstRead.text());
        }
        String winner = ballot.winner();
        Result b = ballot.best(winner);
        // The winner's mean read confidence, lowered by every read that disagreed (another plate or none at all):
        // a split vote is a doubtful read.
        double conf = ballot.meanConfidence(winner) * ballot.share(winner);
        return new Result(Status.READ, b.normalised(), b.display(), b.format(), colour(b.crop()), conf, b.charConfidence(), b.repaired(),
                conf < threshold, b.crop(), null, b.raw());
    }

    private static PlateReader.Read join(PlateReader.Read a, PlateReader.Read b) {
        double[] c = new double[a.confidence().length + b.confidence().length];
        System.arraycopy(a.confidence(), 0, c, 0, a.confidence().length);
        System.arraycopy(b.confidence(), 0, c, a.confidence().length, b.confidence().length);
        return new PlateReader.Read(a.text() + b.text(), c, null, null, Math.min(a.emptyConfidence(), b.emptyConfidence()));
    }

    /** Plate colour from the background (the most common hue among saturated pixels, else white). */
    static String colour(PlateRectifier.Plate p) {
        byte[] hsv = new byte[p.bgr().length];
        try (Mat in = new Mat(p.height(), p.width(), CV_8UC3); Mat out = new Mat()) {
            in.data().put(p.bgr());
            cvtColor(in, out, COLOR_BGR2HSV);
            out.data().get(hsv);
        }
        int yellow = 0, blue = 0, red = 0, n = hsv.length / 3;
        for (int i = 0; i < n; i++) {
            int h = hsv[3 * i] & 0xff, s = hsv[3 * i + 1] & 0xff, v = hsv[3 * i + 2] & 0xff;
            if (s < 90 || v < 70) continue;
            if (h >= 15 && h <= 35) yellow++;
            else if (h >= 95 && h <= 130) blue++;
            else if (h <= 8 || h >= 165) red++;
        }
        int best = Math.max(yellow, Math.max(blue, red));
        if (best < n * 0.35) return "white";
        return best == yellow ? "yellow" : best == blue ? "blue" : "red";
    }

    /** Reads below this confidence are marked for a human check. */
    public double threshold() {
        return threshold;
    }

    /** Model files (name@sha256:…) of the locator and the reader, for the evidence manifest. */
    public List<String> modelIds() {
        return List.of(locator.modelId(), reader.modelId());
    }

    @Override
    public void close() {
        locator.close();
        reader.close();
    }
}
