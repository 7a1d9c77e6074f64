package vn.matthan.detection.pipeline;

import vn.matthan.detection.geometry.Box;
import vn.matthan.detection.model.Detection;
import vn.matthan.detection.model.FrameRegion;
import vn.matthan.detection.model.MotionGate;
import vn.matthan.detection.model.VehicleDetector;
import vn.matthan.detection.tracking.Track;
import vn.matthan.detection.tracking.TrackerSettings;
import vn.matthan.detection.tracking.VehicleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.detection.evidence.EvidencePackager;
import vn.matthan.detection.evidence.EvidenceService;
import vn.matthan.detection.plate.PassagePlateReader;
import vn.matthan.detection.plate.PlateSightings;
import vn.matthan.detection.rules.SceneAnalyser;
import vn.matthan.detection.rules.Violation;
import vn.matthan.detection.scene.SceneCalibration;
import vn.matthan.detection.signal.SignalBoard;
import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.ingest.PacketRing;
import vn.matthan.ingest.VideoFrame;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Analyses one camera: frames → signal phases + detections → tracks → passages and violations. Runs on its own thread. */
public final class CameraPipeline implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CameraPipeline.class);

    private final CameraConfig camera;
    private final SceneCalibration scene;
    private final FrameHandoff frames;
    private final VehicleDetector detector;
    private final DetectionEvents events;
    private final VehicleTracker tracker;
    private final SignalBoard signals;
    private final SceneAnalyser analyser;
    private final FrameRegion region; // null: the whole frame is detected
    private final boolean shareable;
    private final MotionGate gate;
    private List<Detection> lastDetected = List.of();
    private final AtomicLong framesGated = new AtomicLong();
    private volatile Evidence evidence;
    private volatile PassagePlates passagePlates;
    /** The best views of each tracked vehicle, kept while evidence or passages need plates (this camera's thread only). */
    private PlateSightings sightings;
    /** Passages waiting for better views of their vehicle before its plate is read (this camera's thread only). */
    private final java.util.ArrayDeque<PendingPassage> pendingPlates = new java.util.ArrayDeque<>();
    // A fresh session id per start keeps event ids distinct when track ids restart from 1.
    private final String sessionId = UUID.randomUUID().toString();
    private final AtomicLong framesAnalysed = new AtomicLong();
    private final AtomicLong vehiclesSeen = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger vehiclesInView = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong passages = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private volatile boolean running = true;

    public CameraPipeline(CameraConfig camera, SceneCalibration scene, FrameHandoff frames,
                          VehicleDetector detector, DetectionEvents events) {
        this(camera, scene, frames, detector, events, TrackerSettings.defaults());
    }

    public CameraPipeline(CameraConfig camera, SceneCalibration scene, FrameHandoff frames,
                          VehicleDetector detector, DetectionEvents events, TrackerSettings tracking) {
        this(camera, scene, frames, detector, events, tracking, Analysis.WHOLE_FRAME);
    }

    /**
     * How much of each frame is detected: on the road region only ({@link SceneCalibration#roadRegion()}) or the whole
     * frame, and whether frames where nothing moved there skip detection ({@link MotionGate}).
     */
    public record Analysis(boolean roadRegion, MotionGate.Settings motionGate) {
        /** Every frame, whole, through the detector. */
        public static final Analysis WHOLE_FRAME = new Analysis(false, MotionGate.Settings.OFF);
    }

    public CameraPipeline(CameraConfig camera, SceneCalibration scene, FrameHandoff frames,
                          VehicleDetector detector, DetectionEvents events, TrackerSettings tracking, Analysis analysis) {
        FrameRegion road = scene.roadRegion().map(b -> FrameRegion.around(b, scene.frameWidth(), scene.frameHeight())).orElse(null);
        this.region = analysis.roadRegion() ? road : null;
        // Half the model's input (two cameras in one) keeps the whole frame's pixels per vehicle only for a wide region.
        this.shareable = region != null
                && Math.min(1.0 / region.width(), 0.5 / region.height()) >= Math.min(1.0 / scene.frameWidth(), 1.0 / scene.frameHeight());
        this.gate = new MotionGate(analysis.motionGate(), road);
        this.tracker = new VehicleTracker(tracking, scene.frameWidth(), scene.frameHeight());
        this.camera = camera;
        this.scene = scene;
        this.frames = frames;
        this.detector = detector;
        this.events = events;
        this.signals = new SignalBoard(scene);
        this.analyser = new SceneAnalyser(scene, signals.timelines());
    }

    /**
     * Where violations get their evidence: the node's packaging service, this camera's packet ring and, when the
     * service reads plates, the best views of each tracked vehicle (kept on this camera's thread only).
     */
    public record Evidence(EvidenceService service, PacketRing ring) {
    }

    /** From now on each violation is packaged (and its plate read) before its event goes out. */
    public void packageEvidence(EvidenceService service, PacketRing ring) {
        this.evidence = new Evidence(service, ring);
    }

    /**
     * Plates of every passage (route tracing): a passing vehicle is followed for {@code settle} of frame time after its
     * crossing (or until its track ends) for better views, then its passage goes to the node's reader, which sends it.
     */
    public record PassagePlates(PassagePlateReader reader, java.time.Duration settle) {
    }

    /** From now on each passage goes out with its vehicle's plate (when the reader's budget allows). */
    public void readPassagePlates(PassagePlateReader reader, java.time.Duration settle) {
        this.passagePlates = new PassagePlates(reader, settle);
    }

    private record PendingPassage(VehiclePassage passage, long trackId, long dueMicros) {
    }

    /** Views of a vehicle kept for its plate: three read and voting is where extra views stop changing the result. */
    static final int PLATE_VIEWS = 3;

    /** A burst of passages beyond this many waiting goes to the reader at once, oldest first, so none waits unbounded. */
    static final int MAX_PENDING_PLATES = 64;

    public void stop() {
        running = false;
    }

    /** Signal phases of this camera's scene; controller groups receive their changes here. */
    public SignalBoard signals() {
        return signals;
    }

    public long framesAnalysed() {
        return framesAnalysed.get();
    }

    /** Analysed frames that skipped detection because nothing moved on the road (their vehicles stood still). */
    public long framesGated() {
        return framesGated.get();
    }

    /** Vehicle detections summed over all analysed frames. */
    public long vehiclesSeen() {
        return vehiclesSeen.get();
    }

    private volatile VideoFrame latest;

    /** The latest analysed frame (the pipeline owns its frames and never changes them), or null before the first. */
    public VideoFrame latestFrame() {
        return latest;
    }

    /** Confirmed vehicles matched in the latest analysed frame. */
    public int vehiclesInView() {
        return vehiclesInView.get();
    }

    public long passages() {
        return passages.get();
    }

    public long violations() {
        return violations.get();
    }

    @Override
    public void run() {
        while (running) {
            VideoFrame f;
            try {
                f = frames.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (f == null) {
                // A feed silent for a second (stalled, or a replay that ended): waiting passages go out now, so their
                // counts never wait on a camera that may not come back.
                if (++idlePolls >= 5) flushPendingPlates();
                continue;
            }
            idlePolls = 0;
            try {
                analyse(f);
            } catch (RuntimeException e) {
                log.error("camera {}: frame {} could not be analysed: {}", camera.id(), f.sequence(), e.toString());
            }
        }
        flushPendingPlates();
    }

    private int idlePolls;

    /** Hands every waiting passage to the reader on the views it has (the camera stopped or went silent): none is lost. */
    private void flushPendingPlates() {
        PassagePlates pp = passagePlates;
        if (pp == null) return;
        while (!pendingPlates.isEmpty()) {
            PendingPassage p = pendingPlates.pollFirst();
            pp.reader().submit(p.passage(), sightings == null ? List.of() : sightings.best(p.trackId()), events::passage);
        }
    }

    void analyse(VideoFrame f) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, f.wallClock());
        signals.observe(micros, f.bgr(), f.width(), f.height());
        List<Detection> vehicles;
        if (gate.unchanged(f)) {
            // Nothing moved since the last detected frame: its vehicles are where they were, and the tracker sees them
            // there (a Kalman prediction alone would carry a vehicle that has just stopped on over the stop line).
            vehicles = lastDetected;
            framesGated.incrementAndGet();
        } else {
            List<Detection> found = region != null && region.fits(f.width(), f.height())
                    ? region.toFrame(detector.detect(region.cut(f), shareable)) : detector.detect(f, false);
            vehicles = found.stream().filter(d -> d.trafficClass().isVehicle()).toList();
            lastDetected = vehicles;
        }
        framesAnalysed.incrementAndGet();
        vehiclesSeen.addAndGet(vehicles.size());
        List<Track> confirmed = tracker.update(vehicles);
        vehiclesInView.set(confirmed.size());
        latest = f;
        Set<Long> live = new HashSet<>();
        for (Track t : tracker.tracks()) live.add(t.id());
        Evidence ev = evidence;
        PassagePlates pp = passagePlates;
        boolean wantViews = (ev != null && ev.service().readsPlates()) || pp != null;
        if (wantViews && sightings == null) sightings = new PlateSightings(PLATE_VIEWS, 40);
        if (wantViews) {
            // The tracker returns the confirmed tracks matched in this frame: their last box shows the vehicle now.
            for (Track t : confirmed) {
                sightings.offer(t.id(), f.bgr(), f.width(), f.height(), t.lastMatchedBox(), t.trafficClass(), t.lastScore());
            }
            // Passages whose vehicle has been followed long enough, or has gone, are read on its views before they go.
            while (!pendingPlates.isEmpty() && (pendingPlates.peekFirst().dueMicros() <= micros
                    || pendingPlates.size() > MAX_PENDING_PLATES)) {
                PendingPassage due = pendingPlates.pollFirst();
                pp.reader().submit(due.passage(), sightings.best(due.trackId()), events::passage);
            }
            for (java.util.Iterator<PendingPassage> it = pendingPlates.iterator(); it.hasNext(); ) {
                PendingPassage gone = it.next();
                if (live.contains(gone.trackId())) continue;
                it.remove();
                pp.reader().submit(gone.passage(), sightings.best(gone.trackId()), events::passage);
            }
            sightings.retain(live);
        }
        SceneAnalyser.Findings found = analyser.analyse(micros, confirmed, live);
        for (SceneAnalyser.Passage p : found.passages()) {
            passages.incrementAndGet();
            VehiclePassage passage = VehiclePassage.of(camera.id(), p.line().name(), p.lane(), p.vehicle().trafficClass().code(),
                    p.direction().name().toLowerCase(), f.wallClock(), p.vehicle().trackId(), scene.version(), sessionId);
            if (pp == null) {
                events.passage(passage);
            } else if (!camera.passagePlates()) {
                events.passage(passage.withPlate("SKIPPED", null, null, null, null, null));
            } else {
                pendingPlates.addLast(new PendingPassage(passage, p.vehicle().trackId(), micros + pp.settle().toNanos() / 1000));
            }
        }
        for (Violation v : found.violations()) {
            violations.incrementAndGet();
            ViolationDetected event = toEvent(v, f.wallClock());
            if (ev == null) {
                events.violation(event);
            } else {
                Instant before = f.wallClock().minus(v.timeMicros() - v.beforeMicros(), ChronoUnit.MICROS);
                List<PlateSightings.View> views = sightings == null || !ev.service().readsPlates() ? List.of() : sightings.best(v.trackId());
                // a stay's third still is the package's last frame (the packager's choice); others one second after
                ev.service().submit(new EvidencePackager.Request(event, camera, before, f.wallClock().plusSeconds(1), views),
                        ev.ring(), events::violation);
            }
        }
    }

    private ViolationDetected toEvent(Violation v, Instant time) {
        Box b = v.box();
        return new ViolationDetected(ViolationDetected.SCHEMA_VERSION,
                ViolationDetected.idFor(camera.id(), sessionId, v.rule(), v.trackId()), v.type().code(), v.rule(),
                v.detail(), camera.id(), camera.unitCode(), time, v.place(), v.vehicleClass().code(), v.trackId(),
                v.signal() == null ? null : v.signal().phase().code(), v.timeIntoRedSeconds(), v.speedKmh(),
                v.indicative(), List.of(b.x1(), b.y1(), b.x2(), b.y2()), null, null, null, null, null, scene.version());
    }
}
