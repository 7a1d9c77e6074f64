package vn.matthan.detection.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.detection.plate.PlateRecognizer;
import vn.matthan.detection.plate.TrackPlate;
import vn.matthan.events.ViolationDetected;
import vn.matthan.ingest.PacketRing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Packages violations off the camera threads: each waits until the ring holds the video after it, the vehicle's plate
 * is read from its track's best views, the package is written, then the violation event goes out carrying the plate
 * and the package's address and hash. A package that cannot be written (video no
 * longer buffered, disk full) is logged and the violation still goes out, without evidence, so nothing is lost.
 */
public final class EvidenceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EvidenceService.class);
    private static final Duration SETTLE = Duration.ofMillis(400); // the last packets of the window arriving

    private final EvidencePackager packager;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "evidence");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong written = new AtomicLong(), failed = new AtomicLong();

    private final PlateRecognizer plates;

    public EvidenceService(EvidencePackager packager) {
        this(packager, null);
    }

    /** @param plates reads the violating vehicle's plate from its track's best views (null: no plate reading) */
    public EvidenceService(EvidencePackager packager, PlateRecognizer plates) {
        this.packager = packager;
        this.plates = plates;
    }

    public void submit(EvidencePackager.Request request, PacketRing ring, Consumer<ViolationDetected> publish) {
        long delay = Duration.between(Instant.now(), packager.readyAt(request).plus(SETTLE)).toMillis();
        worker.schedule(() -> {
            ViolationDetected e = request.event();
            TrackPlate plate = null;
            if (plates != null) {
                try {
                    plate = TrackPlate.read(plates, request.views());
                    PlateRecognizer.Result r = plate.result();
                    if (r.status() == PlateRecognizer.Status.READ) e = e.withPlate(r.display(), r.confidence(), r.needsHumanCheck());
                } catch (RuntimeException ex) {
                    log.error("camera {}: plate of violation {} not read: {}", e.cameraId(), e.violationId(), ex.toString());
                }
            }
            try {
                EvidencePackager.Written w = packager.write(new EvidencePackager.Request(e, request.camera(), request.before(),
                        request.after(), request.views()), ring, plate);
                written.incrementAndGet();
                publish.accept(e.withEvidence(w.uri(), w.sha256()));
            } catch (Exception ex) {
                failed.incrementAndGet();
                log.error("camera {}: evidence for violation {} not written: {}; the violation is sent without it",
                        e.cameraId(), e.violationId(), ex.getMessage());
                publish.accept(e);
            }
        }, Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    public boolean readsPlates() {
        return plates != null;
    }

    public long written() {
        return written.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Finishes what is queued (each package waits for its video), at most 15 s. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(15, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
