package vn.matthan.detection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.events.VehiclePassage;
import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.FrameHandoff;
import vn.matthan.ingest.VideoFrame;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Analyses one camera: frames → detections → tracks → passages. Runs on its own thread. */
public final class CameraPipeline implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CameraPipeline.class);

    private final CameraConfig camera;
    private final SceneCalibration scene;
    private final FrameHandoff frames;
    private final VehicleDetector detector;
    private final PassagePublisher publisher;
    private final VehicleTracker tracker;
    private final PassageCounter counter;
    // A fresh session id per start keeps event ids distinct when track ids restart from 1.
    private final String sessionId = UUID.randomUUID().toString();
    private final AtomicLong framesAnalysed = new AtomicLong();
    private final AtomicLong vehiclesSeen = new AtomicLong();
    private final AtomicLong passages = new AtomicLong();
    private volatile boolean running = true;

    public CameraPipeline(CameraConfig camera, SceneCalibration scene, FrameHandoff frames,
                          VehicleDetector detector, PassagePublisher publisher) {
        this(camera, scene, frames, detector, publisher, TrackerSettings.defaults());
    }

    public CameraPipeline(CameraConfig camera, SceneCalibration scene, FrameHandoff frames,
                          VehicleDetector detector, PassagePublisher publisher, TrackerSettings tracking) {
        this.tracker = new VehicleTracker(tracking);
        this.camera = camera;
        this.scene = scene;
        this.frames = frames;
        this.detector = detector;
        this.publisher = publisher;
        this.counter = new PassageCounter(scene.countLines());
    }

    public void stop() {
        running = false;
    }

    public long framesAnalysed() {
        return framesAnalysed.get();
    }

    /** Vehicle detections summed over all analysed frames. */
    public long vehiclesSeen() {
        return vehiclesSeen.get();
    }

    public long passages() {
        return passages.get();
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
            if (f == null) continue;
            try {
                analyse(f);
            } catch (RuntimeException e) {
                log.error("camera {}: frame {} could not be analysed: {}", camera.id(), f.sequence(), e.toString());
            }
        }
    }

    void analyse(VideoFrame f) {
        List<Detection> vehicles = detector.detect(f).stream().filter(d -> d.trafficClass().isVehicle()).toList();
        framesAnalysed.incrementAndGet();
        vehiclesSeen.addAndGet(vehicles.size());
        List<Track> confirmed = tracker.update(vehicles);
        for (PassageCounter.Crossing c : counter.update(confirmed)) {
            passages.incrementAndGet();
            publisher.publish(VehiclePassage.of(camera.id(), c.line().name(), null, c.track().trafficClass().code(),
                    c.direction().name().toLowerCase(), f.wallClock(), c.track().id(), scene.version(), sessionId));
        }
        Set<Long> live = new HashSet<>();
        for (Track t : tracker.tracks()) live.add(t.id());
        counter.retain(live);
    }
}
