package vn.matthan.testscenes;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.FrameRegion;
import vn.matthan.detection.model.MotionGate;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.tracking.Track;
import vn.matthan.detection.tracking.VehicleTracker;
import vn.matthan.detection.rules.SceneAnalyser;
import vn.matthan.detection.rules.Violation;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.scene.SignalGroup;
import vn.matthan.detection.signal.ControllerSignal;
import vn.matthan.detection.signal.DebouncedSignal;
import vn.matthan.detection.signal.LampColourClassifier;
import vn.matthan.detection.signal.SignalTimeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a generated scene through the real tracker and rules, with the ground-truth boxes as detections (plus
 * optional pixel jitter and dropped detections), and scores what they report against the ground truth.
 * A reported violation is matched to the generated vehicle whose box overlaps it most in that frame.
 */
public final class RulesEvaluation {
    /** Detector imperfections applied to the ground-truth boxes. */
    public record Noise(double jitterPx, double dropRate, long seed) {
        public static final Noise NONE = new Noise(0, 0, 0);
    }

    public record TypeScore(int truth, int truePositives, int falsePositives, int falseNegatives, int ambiguousIgnored) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return truth == 0 ? 1 : truePositives / (double) truth;
        }
    }

    /** Per lane|class|direction: {truth, counted}. */
    public record Result(Map<ViolationType, TypeScore> scores, Map<String, int[]> passageCounts, int frames,
                         List<String> mistakes) {
        public double maxPassageError() {
            double worst = 0;
            for (int[] c : passageCounts.values()) worst = Math.max(worst, c[0] == 0 ? (c[1] == 0 ? 0 : 1) : Math.abs(c[1] - c[0]) / (double) c[0]);
            return worst;
        }

        public int passagesTruth() {
            return passageCounts.values().stream().mapToInt(c -> c[0]).sum();
        }

        public int passagesCounted() {
            return passageCounts.values().stream().mapToInt(c -> c[1]).sum();
        }

        /** Sums the scores and counts of several scenes. */
        public static Result combine(List<Result> parts) {
            Map<ViolationType, TypeScore> s = new EnumMap<>(ViolationType.class);
            Map<String, int[]> counts = new TreeMap<>();
            List<String> mistakes = new ArrayList<>();
            int frames = 0;
            for (Result r : parts) {
                frames += r.frames;
                mistakes.addAll(r.mistakes);
                r.scores.forEach((k, v) -> s.merge(k, v, (a, b) -> new TypeScore(a.truth + b.truth, a.truePositives + b.truePositives,
                        a.falsePositives + b.falsePositives, a.falseNegatives + b.falseNegatives, a.ambiguousIgnored + b.ambiguousIgnored)));
                r.passageCounts.forEach((k, v) -> {
                    int[] c = counts.computeIfAbsent(k, x -> new int[2]);
                    c[0] += v[0];
                    c[1] += v[1];
                });
            }
            return new Result(s, counts, frames, mistakes);
        }
    }

    private RulesEvaluation() {
    }

    public static Result evaluate(GroundTruth truth, SceneCalibration scene, Noise noise) {
        return evaluate(truth, scene, noise, MotionGate.Settings.OFF).result();
    }

    /** A scene's score and how many of its frames the motion gate let skip detection. */
    public record Gated(Result result, long framesChecked, long framesSkipped) {
    }

    /**
     * As {@link #evaluate(GroundTruth, SceneCalibration, Noise)}, with the camera pipeline's motion gate deciding on
     * the rendered frames: a frame it lets skip detection gets the detections of the last detected frame, as in
     * {@link vn.matthan.detection.pipeline.CameraPipeline}.
     */
    public static Gated evaluate(GroundTruth truth, SceneCalibration scene, Noise noise, MotionGate.Settings gating) {
        return evaluate(truth, scene, noise, gating, null, null);
    }

    /**
     * The detector in the loop: each frame is rendered with real-photo vehicle sprites and the real detector's
     * vehicle boxes (not the ground truth) feed the tracker, the rules and the count line, as in the camera pipeline
     * (whole frame, every frame detected). Scored against the same ground truth.
     */
    public static Result evaluate(GroundTruth truth, SceneCalibration scene, VehicleDetector detector, VehicleSprites sprites) {
        return evaluate(truth, scene, Noise.NONE, MotionGate.Settings.OFF, detector, sprites).result();
    }

    private static Gated evaluate(GroundTruth truth, SceneCalibration scene, Noise noise, MotionGate.Settings gating,
                                  VehicleDetector detector, VehicleSprites sprites) {
        MotionGate gate = new MotionGate(gating, scene.roadRegion()
                .map(b -> FrameRegion.around(b, scene.frameWidth(), scene.frameHeight())).orElse(null));
        List<Detection> lastDetected = List.of();
        SignalGroup group = scene.signalGroups().get(0);
        Map<String, SignalTimeline> signals = new HashMap<>();
        DebouncedSignal vision = null;
        LampColourClassifier lamp = null;
        if (group.source() == SignalGroup.Source.VISION) {
            vision = new DebouncedSignal(group.lockSeconds(), group.flickerToleranceSeconds(), group.darkTimeoutSeconds());
            lamp = new LampColourClassifier(group.lightRegion());
            signals.put(group.name(), vision);
        } else {
            ControllerSignal controller = new ControllerSignal();
            for (GroundTruth.Phase p : truth.phases()) controller.change(p.startMicros(), p.phase());
            signals.put(group.name(), controller);
        }
        VehicleTracker tracker = new VehicleTracker(vn.matthan.detection.tracking.TrackerSettings.defaults(), scene.frameWidth(), scene.frameHeight());
        SceneAnalyser analyser = new SceneAnalyser(scene, signals);
        Random rng = new Random(noise.seed());
        List<String> mistakes = new ArrayList<>();
        List<Violation> reported = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>();
        Set<Integer> countedVehicles = new HashSet<>();
        GroundTruth judged = truth;
        try (JunctionRenderer renderer = vision == null && !gating.enabled() && detector == null ? null : new JunctionRenderer(truth, sprites)) {
            // A photographed vehicle is drawn at its photo's aspect (shorter than the generator's box): what the
            // detector can find, and what its reports are matched against, is the drawn box.
            if (sprites != null) judged = drawn(truth, renderer);
            for (int i = 0; i < truth.frames().size(); i++) {
                GroundTruth.Frame f = truth.frames().get(i), seen = judged.frames().get(i);
                if (vision != null) vision.observe(f.timeMicros(), lamp.classifyRegion(renderer.signalHeadPixels(f)));
                List<Detection> dets = new ArrayList<>();
                if (detector != null) {
                    for (Detection d : detector.detect(renderer.frame(f))) if (d.trafficClass().isVehicle()) dets.add(d);
                }
                for (GroundTruth.VehicleBox vb : detector != null ? List.<GroundTruth.VehicleBox>of() : f.boxes()) {
                    if (noise.dropRate() > 0 && rng.nextDouble() < noise.dropRate()) continue;
                    Box b = vb.box();
                    double j = noise.jitterPx();
                    if (j > 0) b = new Box(b.x1() + rng.nextGaussian() * j, b.y1() + rng.nextGaussian() * j,
                            b.x2() + rng.nextGaussian() * j, b.y2() + rng.nextGaussian() * j);
                    dets.add(new Detection(b, vb.vehicleClass(), 0.9));
                }
                if (gating.enabled()) {
                    if (gate.unchanged(renderer.frame(f))) dets = lastDetected;
                    else lastDetected = dets;
                }
                List<Track> confirmed = tracker.update(dets);
                Set<Long> live = new HashSet<>();
                for (Track t : tracker.tracks()) live.add(t.id());
                SceneAnalyser.Findings found = analyser.analyse(f.timeMicros(), confirmed, live);
                reported.addAll(found.violations());
                for (SceneAnalyser.Passage p : found.passages()) {
                    counts.computeIfAbsent(key(p.lane(), p.vehicle().trafficClass().code(), p.direction().name().toLowerCase()), k -> new int[2])[1]++;
                    Integer vehicle = bestMatch(seen, p.vehicle().box());
                    if (vehicle != null && !countedVehicles.add(vehicle)) mistakes.add("seed " + truth.seed() + " frame " + f.index() + ": vehicle " + vehicle + " counted twice");
                }
            }
        }
        for (GroundTruth.ExpectedPassage p : truth.passages()) {
            counts.computeIfAbsent(key(p.lane(), p.vehicleClass().code(), p.direction()), k -> new int[2])[0]++;
            if (!countedVehicles.contains(p.vehicleId())) {
                mistakes.add("seed " + truth.seed() + ": passage of vehicle " + p.vehicleId() + " (" + p.lane() + " " + p.vehicleClass().code() + ") not counted");
            }
        }
        Result r = score(judged, reported, counts);
        r.mistakes().addAll(0, mistakes);
        return new Gated(r, gate.checked(), gate.skipped());
    }

    private static GroundTruth drawn(GroundTruth t, JunctionRenderer renderer) {
        List<GroundTruth.Frame> frames = new ArrayList<>(t.frames().size());
        for (GroundTruth.Frame f : t.frames()) {
            List<GroundTruth.VehicleBox> boxes = new ArrayList<>(f.boxes().size());
            for (GroundTruth.VehicleBox vb : f.boxes()) boxes.add(new GroundTruth.VehicleBox(vb.vehicleId(), vb.vehicleClass(), renderer.drawnBox(vb)));
            frames.add(new GroundTruth.Frame(f.index(), f.timeMicros(), boxes, f.lampFlicker()));
        }
        return new GroundTruth(t.seed(), t.fps(), t.startMicros(), frames, t.phases(), t.vehicles(), t.violations(), t.ambiguous(), t.passages());
    }

    private static String key(String lane, String cls, String direction) {
        return lane + "|" + cls + "|" + direction;
    }

    private static Result score(GroundTruth truth, List<Violation> reported, Map<String, int[]> counts) {
        Map<String, Integer> open = new HashMap<>();
        Map<ViolationType, Integer> truthCount = new EnumMap<>(ViolationType.class);
        for (GroundTruth.ExpectedViolation v : truth.violations()) {
            open.merge(v.vehicleId() + "|" + v.type(), 1, Integer::sum);
            truthCount.merge(v.type(), 1, Integer::sum);
        }
        Set<String> ambiguous = new HashSet<>();
        for (GroundTruth.ExpectedViolation v : truth.ambiguous()) ambiguous.add(v.vehicleId() + "|" + v.type());
        Map<ViolationType, int[]> tally = new EnumMap<>(ViolationType.class); // tp, fp, ignored
        List<String> mistakes = new ArrayList<>();
        long frameMicros = Math.round(1e6 / truth.fps());
        for (Violation v : reported) {
            int[] t = tally.computeIfAbsent(v.type(), k -> new int[3]);
            int index = (int) Math.round((v.timeMicros() - truth.startMicros()) / (double) frameMicros);
            Integer vehicle = bestMatch(truth.frames().get(index), v.box());
            String k = vehicle + "|" + v.type();
            if (vehicle != null && open.getOrDefault(k, 0) > 0) {
                open.merge(k, -1, Integer::sum);
                t[0]++;
            } else if (vehicle != null && ambiguous.contains(k)) {
                t[2]++;
            } else {
                t[1]++;
                mistakes.add("seed " + truth.seed() + " frame " + index + ": false " + v.type() + " (" + v.detail() + ") on vehicle " + vehicle
                        + " track " + v.trackId());
            }
        }
        for (Map.Entry<String, Integer> e : open.entrySet()) {
            if (e.getValue() > 0) mistakes.add("seed " + truth.seed() + ": missed " + e.getKey());
        }
        Map<ViolationType, TypeScore> scores = new EnumMap<>(ViolationType.class);
        for (ViolationType type : ViolationType.values()) {
            int[] t = tally.getOrDefault(type, new int[3]);
            int n = truthCount.getOrDefault(type, 0);
            scores.put(type, new TypeScore(n, t[0], t[1], n - t[0], t[2]));
        }
        return new Result(scores, counts, truth.frames().size(), mistakes);
    }

    private static Integer bestMatch(GroundTruth.Frame f, Box box) {
        Integer best = null;
        double bestIou = 0.3;
        for (GroundTruth.VehicleBox vb : f.boxes()) {
            double iou = vb.box().iou(box);
            if (iou > bestIou) {
                bestIou = iou;
                best = vb.vehicleId();
            }
        }
        return best;
    }
}
