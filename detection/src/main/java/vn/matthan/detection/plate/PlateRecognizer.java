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
     *                   plate: that of its surest unanimous view, capped by reads of other plates (see {@link #read})
     * @param crop       the rectified plate (BGR), kept as evidence; null when none was found
     * @param raw        the characters as the reader saw them, before the grammar (null when nothing was read)
     * @param candidates the locator's finds that {@link #recognize} read, in the order it read them (empty when it
     *                   found none, or when the plate's corners were given, as to {@link #read})
     */
    public record Result(Status status, String normalised, String display, VietnamesePlate.Format format, String colour,
                         double confidence, double[] charConfidence, boolean repaired, boolean needsHumanCheck,
                         PlateRectifier.Plate crop, String note, String raw, List<PlateLocator.Quad> candidates) {
        public Result {
            candidates = List.copyOf(candidates);
        }

        /** A result with no locator finds attached. */
        public Result(Status status, String normalised, String display, VietnamesePlate.Format format, String colour,
                      double confidence, double[] charConfidence, boolean repaired, boolean needsHumanCheck,
                      PlateRectifier.Plate crop, String note, String raw) {
            this(status, normalised, display, format, colour, confidence, charConfidence, repaired, needsHumanCheck, crop, note, raw, List.of());
        }

        public static Result none(Status s, String note) {
            return new Result(s, null, null, null, null, 0, new double[0], false, true, null, note, null);
        }

        Result withCandidates(List<PlateLocator.Quad> read) {
            return new Result(status, normalised, display, format, colour, confidence, charConfidence, repaired, needsHumanCheck,
                    crop, note, raw, read);
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

    /**
     * The vehicle's plate. The locator looks first in the lower centre of the crop, where plates sit and show largest
     * in its 320×240 input (on TUNING seeds this window lifted degraded recall from 0.767 to 0.844); when the best find
     * there reads as a valid plate, sure or not, that is the answer: one locator window and one refinement in all (the
     * other windows find the same plate again; reading on changed TUNING vehicle-crop exact reads by 0.003). Otherwise it
     * also looks in the whole crop and in its lower part (squeezed into the input, the lower part shows a wide
     * Vietnamese plate with the proportions of the Chinese plates the model learnt from) and reads the best finds of
     * the three windows, at most {@link #TRIED} finds in all, until one reads sure; the best read wins.
     */
    public Result recognize(byte[] bgr, int width, int height, Box vehicle, TrafficClass hint) {
        if (vehicle.width() < 40 || vehicle.height() < 24) {
            return Result.none(Status.TOO_SMALL, String.format("vehicle %.0f×%.0f px is too small to find a plate", vehicle.width(), vehicle.height()));
        }
        List<PlateLocator.Quad> inCentre = locator.locate(bgr, width, height, new Box(vehicle.x1() + 0.15 * vehicle.width(),
                vehicle.y1() + 0.45 * vehicle.height(), vehicle.x2() - 0.15 * vehicle.width(), vehicle.y2()));
        List<PlateLocator.Quad> tried = new ArrayList<>(TRIED);
        Result best = null;
        if (!inCentre.isEmpty()) {
            tried.add(inCentre.get(0));
            best = readFind(bgr, width, height, inCentre.get(0), hint);
            // a valid plate, sure or not: the other windows would find this plate again
            if (best.status() == Status.READ) return best.withCandidates(tried);
        }
        List<PlateLocator.Quad> all = new ArrayList<>(inCentre);
        all.addAll(locator.locate(bgr, width, height, vehicle));
        all.addAll(locator.locate(bgr, width, height, new Box(vehicle.x1(), vehicle.y1() + 0.45 * vehicle.height(), vehicle.x2(), vehicle.y2())));
        for (PlateLocator.Quad found : PlateLocator.bestApart(all)) {
            if (tried.size() >= TRIED) break;
            if (tried.stream().anyMatch(t -> t.bounds().iou(found.bounds()) > 0.3)) continue; // read already
            tried.add(found);
            Result r = readFind(bgr, width, height, found, hint);
            if (best == null || rank(r) > rank(best)) best = r;
            if (sure(best)) break;
        }
        if (best == null) return Result.none(Status.NOT_FOUND, "no plate found on the vehicle");
        return best.withCandidates(tried);
    }

    private boolean sure(Result r) {
        return r.status() == Status.READ && !r.needsHumanCheck();
    }

    /**
     * One find refined and read in each of its {@link #layouts}, until one reads sure; the best read. (Reading the
     * find as the window gave it, without the refinement's locator run, cost 0.01-0.04 exact and 0.03-0.08 of the
     * sure reads on TUNING vehicle crops.)
     */
    private Result readFind(byte[] bgr, int width, int height, PlateLocator.Quad found, TrafficClass hint) {
        PlateLocator.Quad q = refine(bgr, width, height, found);
        double plateWidth = PlateLocator.dist(q.corners().get(0), q.corners().get(1));
        if (plateWidth < MIN_PLATE_WIDTH_PX) {
            return Result.none(Status.TOO_SMALL, String.format("plate %.0f px wide, below the %.0f px needed to read it", plateWidth, MIN_PLATE_WIDTH_PX));
        }
        Result best = null;
        for (PlateLocator.Quad v : layouts(q, hint)) {
            Result r = read(bgr, width, height, v, hint);
            if (best == null || rank(r) > rank(best)) best = r;
            if (sure(best)) break;
        }
        return best;
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
     * <p>
     * The winner's confidence is that of its surest view, a view being the whole-plate reads or the row-by-row reads:
     * the weakest character in any of the view's reads that gave the winner, times the share of the view's reads (one
     * per margin) that did, so only a unanimous view can be sure. It is capped by the doubt of any read that names another plate (1 − that read's confidence), and
     * lowered like a repair when a single look-alike swap gives another valid plate (B/8 in a motorbike series, D/0
     * after L) and only one view saw it: the grammar cannot tell such twins apart. On TUNING pictures the margins of one
     * view were found to repeat one mistake, character for character, so their agreement is not a second opinion; a
     * read of another plate, or of a twin seen only once, is.
     */
    public Result read(byte[] bgr, int width, int height, PlateLocator.Quad q, TrafficClass hint) {
        boolean twoLine = q.aspect() < 2.8;
        // Motorbikes carry only motorbike plates, cars only car plates: the detector's class settles the layout.
        boolean bike = hint != null && hint.isTwoWheeler();
        List<VietnamesePlate.Format> formats = bike ? List.of(VietnamesePlate.Format.MOTORBIKE_TWO_LINE)
                : !twoLine ? List.of(VietnamesePlate.Format.CAR_ONE_LINE)
                : hint != null ? List.of(VietnamesePlate.Format.CAR_TWO_LINE)
                : List.of(VietnamesePlate.Format.MOTORBIKE_TWO_LINE, VietnamesePlate.Format.CAR_TWO_LINE);
        // every margin's plate (and its rows) in one run of the reader
        List<PlateRectifier.Plate> plates = new ArrayList<>(MARGINS.length), images = new ArrayList<>();
        for (double margin : MARGINS) {
            PlateRectifier.Plate plate = PlateRectifier.rectify(bgr, width, height, q.corners(), margin);
            plates.add(plate);
            images.add(plate);
            if (twoLine) images.addAll(List.of(PlateRectifier.rows(plate)));
        }
        List<PlateReader.Read> reads = reader.readAll(images);
        int perMargin = twoLine ? 3 : 1;
        PlateBallot ballot = new PlateBallot();
        List<Result> whole = new ArrayList<>(), byRows = new ArrayList<>();
        for (int m = 0; m < MARGINS.length; m++) {
            whole.add(vote(ballot, reads.get(m * perMargin), formats, plates.get(m)));
            if (twoLine) byRows.add(vote(ballot, join(reads.get(m * perMargin + 1), reads.get(m * perMargin + 2)), formats, plates.get(m)));
        }
        PlateRectifier.Plate first = plates.get(0);
        PlateReader.Read firstRead = reads.get(0);
        if (ballot.isEmpty()) {
            return new Result(Status.UNREADABLE, null, null, null, colour(first), firstRead.minConfidence(), firstRead.confidence(), false,
                    true, first, "read '" + firstRead.text() + "' is not a valid Vietnamese plate", firstRead.text());
        }
        String winner = ballot.winner();
        Result b = ballot.best(winner);
        double conf = confidence(winner, b.format(), whole, byRows);
        return new Result(Status.READ, b.normalised(), b.display(), b.format(), colour(b.crop()), conf, b.charConfidence(), b.repaired(),
                conf < threshold, b.crop(), null, b.raw());
    }

    /**
     * The confidence in {@code winner} given the votes of the two views (null: a read that fits no plate), as
     * {@link #read} explains.
     */
    static double confidence(String winner, VietnamesePlate.Format format, List<Result> whole, List<Result> byRows) {
        double wholeView = view(whole, winner), rowsView = view(byRows, winner);
        double conf = Math.max(wholeView, rowsView);
        for (List<Result> view : List.of(whole, byRows)) {
            for (Result r : view) if (r != null && !r.normalised().equals(winner)) conf = Math.min(conf, 1 - r.confidence());
        }
        boolean bothViews = unanimous(whole, winner) && unanimous(byRows, winner);
        return !bothViews && VietnamesePlate.hasLookAlikeTwin(winner, format) ? conf * LOOK_ALIKE_DOUBT : conf;
    }

    /** Lowers a read's confidence where its look-alike characters are not settled by what was seen. */
    static final double LOOK_ALIKE_DOUBT = 0.85;

    /**
     * One read into the ballot: the first layout it fits (its weakest slot's probability as confidence, lowered when a
     * look-alike was repaired); returns the vote, null when the read fits no plate.
     */
    private static Result vote(PlateBallot ballot, PlateReader.Read r, List<VietnamesePlate.Format> formats, PlateRectifier.Plate plate) {
        for (VietnamesePlate.Format f : formats) {
            Optional<VietnamesePlate.Number> n = VietnamesePlate.repair(r.text(), f);
            if (n.isEmpty()) continue;
            double conf = r.minConfidence() * (n.get().repaired() ? LOOK_ALIKE_DOUBT : 1);
            Result v = new Result(Status.READ, n.get().normalised(), n.get().display(), f, null, conf,
                    r.confidence(), n.get().repaired(), false, plate, null, r.text());
            ballot.vote(v);
            return v; // the first layout that fits this read is the one meant
        }
        return null;
    }

    /**
     * How sure one view is of this plate: the weakest of its reads that gave the plate, times the share of its reads
     * that did (so a view is sure only when it is unanimous); 0 when none did or the view was not read.
     */
    private static double view(List<Result> view, String plate) {
        double weakest = 1;
        int agreeing = 0;
        for (Result r : view) {
            if (r == null || !r.normalised().equals(plate)) continue;
            agreeing++;
            weakest = Math.min(weakest, r.confidence());
        }
        return agreeing == 0 ? 0 : weakest * agreeing / view.size();
    }

    private static boolean unanimous(List<Result> view, String plate) {
        return !view.isEmpty() && view.stream().allMatch(r -> r != null && r.normalised().equals(plate));
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
