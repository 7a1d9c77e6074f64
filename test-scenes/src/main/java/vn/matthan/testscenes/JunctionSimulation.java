package vn.matthan.testscenes;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.rules.ViolationType;
import vn.matthan.detection.signal.SignalPhase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static vn.matthan.testscenes.JunctionLayout.COUNT_Y;
import static vn.matthan.testscenes.JunctionLayout.FAR_Y;
import static vn.matthan.testscenes.JunctionLayout.HEIGHT;
import static vn.matthan.testscenes.JunctionLayout.N2_LEFT;
import static vn.matthan.testscenes.JunctionLayout.SOLID_FROM_Y;
import static vn.matthan.testscenes.JunctionLayout.STOP_Y;
import static vn.matthan.testscenes.JunctionLayout.WIDTH;

/**
 * Seeded traffic on the {@link JunctionLayout} approach: a signal cycling green/amber/red, car-following traffic
 * that stops for red (some stopping with the front over the line), red-light runners, cars and motorbikes in lanes
 * not meant for them, legal and illegal lane changes over the N1/N2 divider, wrong-way motorbikes, speeders and
 * dense motorbike groups. The ground truth is read off the simulated road positions (not by running the rules):
 * a red-light violation is the rear passing the stop line at least {@value #RED_MARGIN_S} s into red, and so on.
 * The same seed always gives the same scene.
 */
public final class JunctionSimulation {
    static final double RED_MARGIN_S = 0.6;
    private static final double DT_DEFAULT = 0.1;
    private static final double ACCEL = 2.0, BRAKE = 4.0, STOP_BRAKE = 8.0;
    private static final double SPEED_VIOLATION = 60 / 3.6, SPEED_CLEAN = 52 / 3.6;

    /**
     * Which vehicles take part. MIXED is Vietnamese traffic (motorbike streams, motorbikes cutting into car lanes,
     * motorbikes riding the wrong way). PHOTOGRAPHED keeps only what the shared photographs show (cars; buses and
     * trucks become cars): two-wheelers are left out, the wrong-way riders become cars, so that a scene drawn with
     * {@link VehicleSprites} holds nothing the detector could only see as a drawn rectangle.
     */
    public enum Fleet { MIXED, PHOTOGRAPHED }

    private enum Behaviour { NORMAL, RUNNER, CLASS_VIOLATOR, SOLID_CROSSER, LEGAL_CHANGER, WRONG_WAY, SPEEDER, OVERSHOOT, KERB_STOP }

    /**
     * A car that drives up the kerb strip right of the motorbike lane ({@link JunctionLayout#KERB_X}), stands still
     * with its rear at {@code stopY} for {@code dwellSeconds}, then drives off; hidden from the camera for
     * {@code hiddenSeconds} from {@code hiddenAfterSeconds} into its stay (a bus passing: the detector misses it).
     */
    public record KerbStop(double spawnAt, double stopY, double dwellSeconds, double hiddenAfterSeconds, double hiddenSeconds) {
    }

    /** Seconds a car may stand in the generated kerb zone ({@link JunctionLayout#KERB_ALLOWED_S}). */
    static final double KERB_MARGIN_S = 2;

    private static final class Sim {
        final int id;
        final TrafficClass cls;
        final String plate;
        final double width, length, height;
        final boolean north;
        Behaviour behaviour;
        String stream;
        double x, targetX, startX;
        double pos; // front position along the direction of travel (Y north, −Y south)
        double v, v0;
        boolean runnerDecided, changeStarted, changeDone, committed, stoppedOnLine;
        // truth bookkeeping
        Double lastAnchorY, lastAnchorX;
        int wrongLaneFrames;
        String wrongLane;
        double bestProgress = Double.NEGATIVE_INFINITY;
        double fastSeconds;
        double maxVisibleSpeed;
        boolean seenBeforeStop, judgedStop, sawEntry;
        KerbStop kerb;
        double stoodFor = -1; // seconds standing so far (kerb cars), -1 before the stop

        Sim(int id, TrafficClass cls, String plate, boolean north, double[] size) {
            this.id = id;
            this.cls = cls;
            this.plate = plate;
            this.north = north;
            this.width = size[0];
            this.length = size[1];
            this.height = size[2];
        }

        double frontY() {
            return north ? pos : -pos;
        }

        double rearY() {
            return north ? pos - length : -pos + length;
        }

        /** The ground point a camera box stands on: the near edge's middle (rear going north, front going south). */
        double anchorY() {
            return north ? rearY() : frontY();
        }

        double nearY() {
            return Math.min(frontY(), rearY());
        }

        double farY() {
            return Math.max(frontY(), rearY());
        }
    }

    private final long seed;
    private final double seconds, fps, dt;
    private final Random rng;
    private final double gapScale;
    private final long startMicros = 1_795_312_800_000_000L; // 2026-11-22 08:00 Asia/Ho_Chi_Minh
    private final List<GroundTruth.Phase> phases = new ArrayList<>();
    private final List<Sim> active = new ArrayList<>();
    private final List<GroundTruth.Vehicle> vehicles = new ArrayList<>();
    private final List<GroundTruth.ExpectedViolation> violations = new ArrayList<>();
    private final List<GroundTruth.ExpectedViolation> ambiguous = new ArrayList<>();
    private final List<GroundTruth.ExpectedPassage> passages = new ArrayList<>();
    private final Map<String, Double> nextSpawn = new LinkedHashMap<>();
    private int nextId = 1;
    private double t;
    private final List<KerbStop> kerbStops = new ArrayList<>();
    private Fleet fleet = Fleet.MIXED;

    public JunctionSimulation(long seed, double seconds, double fps) {
        this(seed, seconds, fps, 1);
    }

    /**
     * @param gapScale the gaps between arriving vehicles multiplied by this: 1 is the peak hour the rules are tested
     *                 on, larger is quieter traffic (off-peak, night), where a camera sees an empty or still road
     */
    public JunctionSimulation(long seed, double seconds, double fps, double gapScale) {
        if (gapScale <= 0) throw new IllegalArgumentException("gapScale must be positive");
        this.gapScale = gapScale;
        this.seed = seed;
        this.seconds = seconds;
        this.fps = fps;
        this.dt = 1 / fps;
        this.rng = new Random(seed);
    }

    public JunctionSimulation(long seed, double seconds) {
        this(seed, seconds, 1 / DT_DEFAULT);
    }

    /** Draws the traffic from this fleet (MIXED unless told). */
    public JunctionSimulation withFleet(Fleet fleet) {
        this.fleet = java.util.Objects.requireNonNull(fleet);
        return this;
    }

    /** Adds these kerb stops to the traffic (drawn from their own random numbers: the rest of the scene is unchanged). */
    public JunctionSimulation withKerbStops(List<KerbStop> stops) {
        kerbStops.addAll(stops);
        kerbStops.sort(Comparator.comparingDouble(KerbStop::spawnAt));
        return this;
    }

    /**
     * Kerb stops every 15–25 s from a random source of their own: half short (6–14 s), half long (28–45 s, a
     * violation in a 20-s zone); a third hidden for 1.5 s and a sixth for 5 s (longer than the tracker keeps a lost
     * track) in the middle of their stay. Often two cars share the kerb (see {@link #kerbIsFreeFor}): about five
     * parking violations per four minutes, so a few held-out scenes give the parking rule a figure worth reading.
     */
    public static List<KerbStop> randomKerbStops(long seed, double seconds) {
        Random r = new Random(seed * 104729 + 3);
        List<KerbStop> out = new ArrayList<>();
        for (double at = 2 + r.nextDouble() * 5; at < seconds - 40; at += 15 + r.nextDouble() * 10) {
            double dwell = r.nextBoolean() ? 6 + r.nextDouble() * 8 : 28 + r.nextDouble() * 17;
            double k = r.nextDouble();
            double hidden = k < 0.33 ? 1.5 : k < 0.5 ? 5 : 0;
            double stopY = JunctionLayout.KERB_FROM_Y + 4 + r.nextDouble() * (JunctionLayout.KERB_TO_Y - JunctionLayout.KERB_FROM_Y - 8);
            out.add(new KerbStop(at, stopY, dwell, 2 + r.nextDouble() * 3, hidden));
        }
        return out;
    }

    public GroundTruth run() {
        buildSignalPlan();
        for (String s : List.of("N1", "N2", "N3a", "N3b", "N3c", "S1", "S1edge")) nextSpawn.put(s, rng.nextDouble() * 3);
        List<GroundTruth.Frame> frames = new ArrayList<>();
        int n = (int) Math.round(seconds * fps);
        for (int i = 0; i < n; i++) {
            t = i * dt;
            spawn();
            while (!kerbStops.isEmpty() && kerbStops.get(0).spawnAt() <= t && kerbIsFreeFor(kerbStops.get(0))) createKerb(kerbStops.remove(0));
            step();
            long micros = micros(t);
            List<GroundTruth.VehicleBox> boxes = new ArrayList<>();
            for (Sim s : active) {
                Box b = visibleBox(s);
                if (s.kerb != null) {
                    if (b != null && hidden(s)) b = null;
                    if (b != null) boxes.add(new GroundTruth.VehicleBox(s.id, s.cls, b));
                    judgeKerb(s, micros);
                    continue;
                }
                if (b != null) boxes.add(new GroundTruth.VehicleBox(s.id, s.cls, b));
                judge(s, micros, b != null);
            }
            boolean flicker = phaseAt(t) == SignalPhase.RED && t - phaseStart(t) > 0.6 && rng.nextDouble() < 0.02;
            frames.add(new GroundTruth.Frame(i, micros, boxes, flicker));
            active.removeIf(s -> {
                boolean gone = s.north ? s.rearY() > FAR_Y + 3 : s.rearY() < -0.5;
                if (gone) speedVerdictWithoutViolation(s, micros);
                return gone;
            });
        }
        for (Sim s : active) {
            speedVerdictWithoutViolation(s, micros(seconds));
            // The scene ended during a stay in the wrong lane that was too short to call either way.
            if (s.wrongLaneFrames >= 6 && s.wrongLaneFrames < 16) {
                ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.LANE, "class_not_allowed", micros(seconds)));
            }
            // The scene ended a moment before a long stay reached the limit: too close to call either way.
            if (s.kerb != null && s.stoodFor >= JunctionLayout.KERB_ALLOWED_S - KERB_MARGIN_S && s.stoodFor < JunctionLayout.KERB_ALLOWED_S
                    && s.kerb.dwellSeconds() > JunctionLayout.KERB_ALLOWED_S && !has(s, ViolationType.PARKING) && !isAmbiguous(s, ViolationType.PARKING)) {
                ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.PARKING, "stood_beyond_limit", micros(seconds)));
            }
        }
        return new GroundTruth(seed, fps, startMicros, frames, List.copyOf(phases), vehicles, violations, ambiguous, passages);
    }

    private long micros(double seconds) {
        return startMicros + Math.round(seconds * 1e6);
    }

    // ---- signal ----

    private void buildSignalPlan() {
        double at = -rng.nextDouble() * 12;
        while (at < seconds + 60) {
            add(at, SignalPhase.GREEN);
            at += 12 + rng.nextDouble() * 4;
            add(at, SignalPhase.AMBER);
            at += 3;
            add(at, SignalPhase.RED);
            at += 14 + rng.nextDouble() * 4;
        }
    }

    private void add(double at, SignalPhase p) {
        phases.add(new GroundTruth.Phase(micros(at), p));
    }

    private SignalPhase phaseAt(double time) {
        return phaseHolding(time).phase();
    }

    private double phaseStart(double time) {
        return (phaseHolding(time).startMicros() - startMicros) / 1e6;
    }

    private GroundTruth.Phase phaseHolding(double time) {
        long m = micros(time);
        GroundTruth.Phase holding = phases.get(0);
        for (GroundTruth.Phase ph : phases) {
            if (ph.startMicros() > m) break;
            holding = ph;
        }
        return holding;
    }

    /** Seconds until the next red begins (0 while red). */
    private double timeToRed(double time) {
        if (phaseAt(time) == SignalPhase.RED) return 0;
        long m = micros(time);
        for (GroundTruth.Phase ph : phases) {
            if (ph.startMicros() > m && ph.phase() == SignalPhase.RED) return (ph.startMicros() - m) / 1e6;
        }
        return Double.MAX_VALUE;
    }

    private double timeToGreen(double time) {
        long m = micros(time);
        for (GroundTruth.Phase ph : phases) {
            if (ph.startMicros() > m && ph.phase() == SignalPhase.GREEN) return (ph.startMicros() - m) / 1e6;
        }
        return Double.MAX_VALUE;
    }

    // ---- traffic ----

    private static double[] size(TrafficClass c) {
        return switch (c) {
            case CAR -> new double[]{1.8, 4.5, 1.5};
            case BUS -> new double[]{2.5, 11, 3.2};
            case TRUCK -> new double[]{2.4, 8, 3.0};
            case MOTORBIKE -> new double[]{0.7, 1.9, 1.3};
            case BICYCLE -> new double[]{0.6, 1.7, 1.2};
            default -> throw new IllegalArgumentException(c.toString());
        };
    }

    private static double streamX(String stream) {
        return switch (stream) {
            case "N1" -> 1.75;
            case "N2" -> 5.25;
            case "N3a" -> 7.7;
            case "N3b" -> 8.9;
            case "N3c" -> 10.1;
            case "S1" -> -1.7;
            case "S1edge" -> -3.4;
            default -> throw new IllegalArgumentException(stream);
        };
    }

    private void spawn() {
        for (Map.Entry<String, Double> e : nextSpawn.entrySet()) {
            if (t < e.getValue()) continue;
            String stream = e.getKey();
            if (!roomAtEntry(stream)) continue;
            double gap = switch (stream) {
                case "N1", "N2" -> 2.5 + exp(4.0);
                case "N3a", "N3b", "N3c" -> rng.nextDouble() < 0.6 ? 0.6 + rng.nextDouble() * 0.8 : 3 + exp(6.0); // groups
                case "S1" -> 2.5 + exp(6.0);
                default -> 6 + exp(14.0);
            };
            e.setValue(t + gap * gapScale);
            create(stream);
        }
    }

    private double exp(double mean) {
        return -Math.log(1 - rng.nextDouble()) * mean;
    }

    private boolean roomAtEntry(String stream) {
        boolean north = stream.startsWith("N") || stream.equals("S1edge");
        for (Sim s : active) {
            if (!s.stream.equals(stream)) continue;
            double rear = s.north ? s.rearY() : s.rearY();
            if (north && rear < 2.0) return false;
            if (!north && rear > FAR_Y - 1) return false;
        }
        return true;
    }

    private void create(String stream) {
        TrafficClass cls;
        Behaviour b = Behaviour.NORMAL;
        double r = rng.nextDouble();
        boolean north = !stream.equals("S1");
        switch (stream) {
            case "N1", "N2" -> {
                cls = r < 0.80 ? TrafficClass.CAR : r < 0.88 ? TrafficClass.BUS : TrafficClass.TRUCK;
                double k = rng.nextDouble();
                if (k < 0.05) {
                    cls = TrafficClass.MOTORBIKE;
                    b = Behaviour.CLASS_VIOLATOR;
                } else if (k < 0.17 && cls == TrafficClass.CAR) b = Behaviour.SOLID_CROSSER;
                else if (k < 0.27 && cls == TrafficClass.CAR) b = Behaviour.LEGAL_CHANGER;
                else if (k < 0.35 && cls == TrafficClass.CAR) b = Behaviour.SPEEDER;
                else if (k < 0.45) b = Behaviour.OVERSHOOT;
            }
            case "N3a", "N3b", "N3c" -> {
                cls = r < 0.95 ? TrafficClass.MOTORBIKE : TrafficClass.BICYCLE;
                if (stream.equals("N3b") && rng.nextDouble() < 0.12) {
                    cls = TrafficClass.CAR;
                    b = Behaviour.CLASS_VIOLATOR;
                } else if (rng.nextDouble() < 0.1) b = Behaviour.OVERSHOOT;
            }
            case "S1" -> {
                cls = r < 0.7 ? TrafficClass.CAR : r < 0.85 ? TrafficClass.MOTORBIKE : r < 0.93 ? TrafficClass.TRUCK : TrafficClass.BUS;
                if (cls == TrafficClass.CAR && rng.nextDouble() < 0.5) b = Behaviour.SPEEDER;
            }
            default -> {
                cls = TrafficClass.MOTORBIKE;
                b = Behaviour.WRONG_WAY;
            }
        }
        if (b == Behaviour.SPEEDER && north && !speederHasClearRun(stream)) b = Behaviour.NORMAL;
        if (fleet == Fleet.PHOTOGRAPHED) {
            if (cls.isTwoWheeler() && b != Behaviour.WRONG_WAY) return;
            cls = TrafficClass.CAR; // the only class the shared photographs hold
        }
        Sim s = new Sim(nextId++, cls, VietnamesePlates.random(rng, cls), north, size(cls));
        s.behaviour = b;
        s.stream = stream;
        s.x = s.targetX = s.startX = streamX(stream);
        // Two cars side by side in the 4-m southbound lane: the oncoming one to the kerb, the wrong-way one to the edge.
        if (fleet == Fleet.PHOTOGRAPHED && stream.startsWith("S1")) s.x = s.targetX = s.startX = stream.equals("S1") ? -1.0 : -3.05;
        double base = cls == TrafficClass.BICYCLE ? 4 + rng.nextDouble() * 2 : 8 + rng.nextDouble() * 4.5;
        if (b == Behaviour.SPEEDER) base = 18 + rng.nextDouble() * 4;
        if (b == Behaviour.WRONG_WAY) base = 6 + rng.nextDouble() * 3;
        s.v0 = base;
        s.v = base;
        if (north) {
            s.pos = -0.3; // front just inside the bottom edge of the frame
        } else {
            s.pos = -(FAR_Y + 2);
        }
        if (b == Behaviour.SOLID_CROSSER || b == Behaviour.LEGAL_CHANGER) s.targetX = streamX(stream.equals("N1") ? "N2" : "N1");
        active.add(s);
        vehicles.add(new GroundTruth.Vehicle(s.id, cls, s.plate, b.name().toLowerCase()));
    }

    /** A northbound speeder needs an empty lane ahead and enough green to pass the junction at speed. */
    private boolean speederHasClearRun(String stream) {
        for (Sim o : active) if (o.stream.equals(stream)) return false;
        return phaseAt(t) == SignalPhase.GREEN && timeToRed(t) > (STOP_Y + 6) / 18 + 3;
    }

    private void createKerb(KerbStop k) {
        Sim s = new Sim(nextId++, TrafficClass.CAR, VietnamesePlates.random(new Random(seed * 31 + nextId), TrafficClass.CAR), true, size(TrafficClass.CAR));
        s.behaviour = Behaviour.KERB_STOP;
        s.kerb = k;
        s.stream = "K";
        s.x = s.targetX = s.startX = JunctionLayout.KERB_X;
        s.v0 = s.v = 7;
        s.pos = -0.3;
        active.add(s);
        vehicles.add(new GroundTruth.Vehicle(s.id, s.cls, s.plate, "kerb_stop"));
    }

    /**
     * Kerb cars share one lane and cannot drive through each other: a stop waits until every car already at the kerb
     * stands (or drives) clear ahead of its spot and will have left before it has to drive off past them.
     */
    private boolean kerbIsFreeFor(KerbStop k) {
        double length = size(TrafficClass.CAR)[1];
        double leaves = t + (k.stopY() + 0.3) / 5 + 2 + k.dwellSeconds();
        for (Sim o : active) {
            if (o.kerb == null) continue;
            double rear = o.stoodFor < 0 ? Math.min(o.kerb.stopY(), Math.max(o.rearY(), 0)) : o.rearY();
            if (o.stoodFor < 0 && o.rearY() < 8) return false; // still pulling in just ahead of the entry
            if (rear < k.stopY() + length + 1.5) return false;
            double oLeaves = o.stoodFor < 0
                    ? t + (o.kerb.stopY() - o.rearY()) / Math.max(o.v, 3) + 2 + o.kerb.dwellSeconds()
                    : t + Math.max(0, o.kerb.dwellSeconds() - o.stoodFor);
            if (oLeaves + 4 > leaves) return false;
        }
        return true;
    }

    private boolean hidden(Sim s) {
        double into = s.stoodFor - s.kerb.hiddenAfterSeconds();
        return s.kerb.hiddenSeconds() > 0 && into >= 0 && into < s.kerb.hiddenSeconds();
    }

    /** Drives to its spot, stands its dwell, drives off. */
    private void moveKerb(Sim s) {
        double rear = s.rearY();
        if (s.stoodFor < 0) {
            double d = s.kerb.stopY() - rear;
            double vMax = Math.min(s.v0, Math.min(s.v + ACCEL * dt, Math.sqrt(2 * BRAKE * Math.max(0, d))));
            s.v = d <= 0.02 ? 0 : vMax;
            s.pos += s.v * dt;
            if (s.v == 0) s.stoodFor = 0;
        } else if (s.stoodFor < s.kerb.dwellSeconds()) {
            s.stoodFor += dt;
        } else {
            s.v = Math.min(s.v0, s.v + ACCEL * dt);
            s.pos += s.v * dt;
        }
    }

    /** A kerb car standing in the zone past the allowed time is one violation (at the limit); near the limit is not scored. */
    private void judgeKerb(Sim s, long micros) {
        if (s.stoodFor < 0 || s.stoodFor >= s.kerb.dwellSeconds() + dt / 2) return;
        double allowed = JunctionLayout.KERB_ALLOWED_S;
        boolean decided = has(s, ViolationType.PARKING) || isAmbiguous(s, ViolationType.PARKING);
        if (decided) return;
        if (Math.abs(s.kerb.dwellSeconds() - allowed) < KERB_MARGIN_S) {
            ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.PARKING, "stood_beyond_limit", micros));
        } else if (s.stoodFor >= allowed) {
            violations.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.PARKING, "stood_beyond_limit", micros));
        }
    }

    private void step() {
        Map<String, List<Sim>> byStream = new HashMap<>();
        for (Sim s : active) byStream.computeIfAbsent(s.stream, k -> new ArrayList<>()).add(s);
        for (List<Sim> list : byStream.values()) list.sort(Comparator.comparingDouble((Sim s) -> s.pos).reversed());
        for (List<Sim> list : byStream.values()) {
            if (list.get(0).kerb != null) {
                for (Sim s : list) moveKerb(s);
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                Sim s = list.get(i);
                Sim leader = i == 0 ? null : list.get(i - 1);
                move(s, leader);
            }
        }
    }

    private void move(Sim s, Sim leader) {
        double s0 = s.cls == TrafficClass.MOTORBIKE || s.cls == TrafficClass.BICYCLE ? 0.8 : 1.8;
        double vMax = Math.min(s.v0, s.v + ACCEL * dt);
        if (leader != null) {
            double gap = leader.pos - leader.length - s.pos;
            vMax = Math.min(vMax, Math.sqrt(leader.v * leader.v + 2 * BRAKE * Math.max(0, gap - s0 - s.v * 0.5)));
        }
        if (s.north && s.behaviour != Behaviour.WRONG_WAY) {
            Double stopAt = stopTarget(s, leader);
            if (stopAt != null) {
                double d = stopAt - s.pos;
                vMax = Math.min(vMax, Math.sqrt(2 * STOP_BRAKE * Math.max(0, d)));
                if (d <= 0.05) vMax = 0;
            }
        }
        s.v = Math.max(0, vMax);
        s.pos += s.v * dt;
        if (leader != null) s.pos = Math.min(s.pos, leader.pos - leader.length - 0.3);
        lateral(s);
    }

    /** Where a northbound vehicle's front must stop, or null when it may go. */
    private Double stopTarget(Sim s, Sim leader) {
        double front = s.frontY();
        if (s.rearY() >= STOP_Y || front > STOP_Y + 1.5) return null; // already through
        SignalPhase phase = phaseAt(t);
        double toRed = timeToRed(t);
        if (phase == SignalPhase.RED && !s.runnerDecided && s.behaviour == Behaviour.NORMAL) decideRunner(s, leader);
        if (s.behaviour == Behaviour.RUNNER || s.committed) return null;
        if (phase == SignalPhase.GREEN) return null;
        // Amber or red: go only if the whole vehicle clears the line a second before red (a committed vehicle).
        if (phase == SignalPhase.AMBER && s.v > 0.5) {
            double clear = (STOP_Y + 0.3 - s.rearY()) / s.v;
            boolean cannotStop = s.v * s.v / (2 * STOP_BRAKE) > STOP_Y - 0.5 - front;
            if (clear <= toRed - 1.0 || cannotStop) {
                s.committed = true; // once going through, it keeps going
                return null;
            }
        }
        if (front > STOP_Y - 0.5 && s.v < 0.5) return s.pos; // already on the line and stopped: wait
        double over = s.behaviour == Behaviour.OVERSHOOT ? Math.min(1.2, s.length - 1.0) : -0.5; // rear stays 1 m short
        return STOP_Y + over;
    }

    private void decideRunner(Sim s, Sim leader) {
        double front = s.frontY();
        if (front < STOP_Y - 30 || front > STOP_Y - 8) return;
        s.runnerDecided = true;
        boolean clearAhead = leader == null || leader.rearY() > STOP_Y + 1;
        double intoRed = t - phaseStart(t);
        double eta = (STOP_Y + 0.3 - s.rearY()) / Math.max(s.v, 6);
        if (clearAhead && intoRed > 0.3 && eta < timeToGreen(t) - 1.5 && s.v > 5 && rng.nextDouble() < 0.55) {
            s.behaviour = Behaviour.RUNNER;
            s.v0 = Math.max(s.v0, 9);
        }
    }

    private void lateral(Sim s) {
        if (s.targetX == s.startX) return;
        double rear = s.rearY();
        double from = s.behaviour == Behaviour.SOLID_CROSSER ? 27 : 4, to = s.behaviour == Behaviour.SOLID_CROSSER ? 37 : 18;
        if (rear < from) return;
        if (!s.changeStarted) {
            s.changeStarted = true;
            String target = s.stream.equals("N1") ? "N2" : "N1";
            for (Sim o : active) {
                if (o != s && o.stream.equals(target) && Math.abs(o.pos - s.pos) < 12) {
                    s.targetX = s.startX; // no gap: stays in lane
                    s.behaviour = Behaviour.NORMAL;
                    return;
                }
            }
        }
        double f = Math.min(1, (rear - from) / (to - from));
        f = f * f * (3 - 2 * f);
        s.x = s.startX + (s.targetX - s.startX) * f;
        if (f >= 0.5 && !s.changeDone) {
            s.changeDone = true;
            s.stream = s.stream.equals("N1") ? "N2" : "N1";
        }
    }

    // ---- what a camera sees, and what should be reported ----

    private Box visibleBox(Sim s) {
        Box full = JunctionLayout.box(s.x, s.nearY(), s.farY(), s.width, s.height);
        double x1 = Math.max(0, full.x1()), y1 = Math.max(0, full.y1()), x2 = Math.min(WIDTH, full.x2()), y2 = Math.min(HEIGHT, full.y2());
        if (x2 - x1 < 8 || y2 - y1 < 8) return null;
        Box clipped = new Box(x1, y1, x2, y2);
        if (clipped.area() < 0.3 * full.area()) return null;
        return clipped;
    }

    private void judge(Sim s, long micros, boolean visible) {
        double ay = s.anchorY(), ax = s.x;
        boolean anchorInView = visible && ay > 0.5 && ay < FAR_Y;
        if (s.lastAnchorY != null && visible) {
            double py = s.lastAnchorY;
            // passages over the count line
            if ((py < COUNT_Y) != (ay < COUNT_Y)) {
                passages.add(new GroundTruth.ExpectedPassage(s.id, "entry", laneOf(ax), s.cls, ay > py ? "forward" : "backward", micros));
            }
            // red light: rear wholly past the stop line
            if (s.north && s.behaviour != Behaviour.WRONG_WAY && !s.judgedStop && s.seenBeforeStop && ax >= 0 && py < STOP_Y && ay >= STOP_Y) {
                s.judgedStop = true;
                if (phaseAt(t) == SignalPhase.RED) {
                    double into = t - phaseStart(t);
                    expect(into >= RED_MARGIN_S, s, ViolationType.RED_LIGHT, "crossed_on_red", micros);
                } else if (timeToRed(t) < RED_MARGIN_S) {
                    // cleared the line just before red: a camera measuring a frame late may honestly see it on red
                    ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.RED_LIGHT, "crossed_on_red", micros));
                }
            }
            // solid N1/N2 divider
            if ((s.lastAnchorX < N2_LEFT) != (ax < N2_LEFT) && ay > SOLID_FROM_Y - 1 && ay < STOP_Y + 1) {
                expect(ay > SOLID_FROM_Y + 1 && ay < STOP_Y - 1, s, ViolationType.LANE, "solid_line_crossed", micros);
            }
        }
        if (anchorInView && ay < STOP_Y - 0.2) s.seenBeforeStop = true;
        if (s.north && !s.stoppedOnLine && s.v < 0.3 && Math.abs(s.rearY() - STOP_Y) < 0.5 && phaseAt(t) == SignalPhase.RED) {
            // Waiting with its rear within half a metre of the line: a few pixels at this distance, too close to call.
            s.stoppedOnLine = true;
            ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.RED_LIGHT, "crossed_on_red", micros));
        }
        // lane class
        String lane = anchorInView ? laneOf(ax) : null;
        if (lane != null && !allowed(lane, s.cls)) {
            s.wrongLaneFrames = lane.equals(s.wrongLane) ? s.wrongLaneFrames + 1 : 1;
            s.wrongLane = lane;
            if (s.wrongLaneFrames == 16) expect(true, s, ViolationType.LANE, "class_not_allowed", micros);
        } else {
            if (s.wrongLaneFrames >= 6 && s.wrongLaneFrames < 16) ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.LANE, "class_not_allowed", micros));
            s.wrongLaneFrames = 0;
        }
        // wrong way: progress against the lane's direction
        if (lane != null) {
            double progress = lane.startsWith("N") ? ay : -ay;
            s.bestProgress = Math.max(s.bestProgress, progress);
            double back = s.bestProgress - progress;
            if (back >= 7 && !has(s, ViolationType.WRONG_WAY)) expect(true, s, ViolationType.WRONG_WAY, "against_lane_direction", micros);
            else if (back >= 3 && back < 7 && !has(s, ViolationType.WRONG_WAY) && !isAmbiguous(s, ViolationType.WRONG_WAY)) {
                ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.WRONG_WAY, "against_lane_direction", micros));
            }
        } else {
            s.bestProgress = Double.NEGATIVE_INFINITY;
        }
        // speeding, measured where the camera sees the whole vehicle
        boolean measurable = visible && ay > 1 && s.farY() < FAR_Y;
        if (measurable) {
            s.maxVisibleSpeed = Math.max(s.maxVisibleSpeed, s.v);
            s.fastSeconds = s.v > SPEED_VIOLATION ? s.fastSeconds + dt : 0;
            if (s.fastSeconds >= 1.8 && !has(s, ViolationType.SPEEDING)) expect(true, s, ViolationType.SPEEDING, "over_limit", micros);
        }
        if (visible) {
            s.lastAnchorY = ay;
            s.lastAnchorX = ax;
        }
    }

    /** Faster than clean but not long or fast enough to call (or cut off by the scene's end): not scored. */
    private void speedVerdictWithoutViolation(Sim s, long micros) {
        if (s.maxVisibleSpeed > SPEED_CLEAN && !has(s, ViolationType.SPEEDING)) {
            ambiguous.add(new GroundTruth.ExpectedViolation(s.id, ViolationType.SPEEDING, "over_limit", micros));
        }
    }

    private void expect(boolean clear, Sim s, ViolationType type, String detail, long micros) {
        (clear ? violations : ambiguous).add(new GroundTruth.ExpectedViolation(s.id, type, detail, micros));
    }

    private boolean has(Sim s, ViolationType type) {
        for (GroundTruth.ExpectedViolation v : violations) if (v.vehicleId() == s.id && v.type() == type) return true;
        return false;
    }

    private boolean isAmbiguous(Sim s, ViolationType type) {
        for (GroundTruth.ExpectedViolation v : ambiguous) if (v.vehicleId() == s.id && v.type() == type) return true;
        return false;
    }

    static String laneOf(double x) {
        if (x < JunctionLayout.S1_LEFT || x > JunctionLayout.ROAD_RIGHT) return null;
        if (x < JunctionLayout.N1_LEFT) return "S1";
        if (x < N2_LEFT) return "N1";
        if (x < JunctionLayout.N3_LEFT) return "N2";
        return "N3";
    }

    private static boolean allowed(String lane, TrafficClass c) {
        return switch (lane) {
            case "N1", "N2" -> c == TrafficClass.CAR || c == TrafficClass.BUS || c == TrafficClass.TRUCK;
            case "N3" -> c == TrafficClass.MOTORBIKE || c == TrafficClass.BICYCLE;
            default -> true;
        };
    }
}
