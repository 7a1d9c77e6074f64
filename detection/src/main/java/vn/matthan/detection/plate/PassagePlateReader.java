package vn.matthan.detection.plate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.events.VehiclePassage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads the plate of every passing vehicle, off the camera threads and within a CPU budget, then sends the passage
 * with it. One worker per node, so passage plates never take more than one core from detection; a token bucket of
 * CPU-seconds (refilled at {@code cpuBudget} cores) says whether a read may start, and a passage whose read could not
 * start within {@code maxWait} of being handed over goes out without a plate ({@code SKIPPED}). Either way every
 * passage goes out, at most {@code maxWait} plus one read after it was handed over — well inside the stream job's
 * bound on out-of-order events — so counting never depends on reading.
 */
public final class PassagePlateReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PassagePlateReader.class);

    /** Where the vehicle's thumbnail for the sightings list is kept; answers its address (SHA-256), or null. */
    public interface Thumbnails {
        String store(PlateSightings.View view);
    }

    private final PlateRecognizer recognizer;
    private final Thumbnails thumbnails;
    private final double cpuBudget;
    private final int views;
    private final long maxWaitNanos;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "passage-plates");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong read = new AtomicLong(), skipped = new AtomicLong(), readNanos = new AtomicLong();
    // CPU-seconds the worker may still spend; only the worker thread touches these two.
    private double tokens;
    private long refilledAt = System.nanoTime();

    /**
     * @param cpuBudget cores spent on reading at most (0: every passage goes out SKIPPED)
     * @param views     best views of the vehicle read
     * @param maxWait   the longest a passage waits for its read to start
     */
    public PassagePlateReader(PlateRecognizer recognizer, Thumbnails thumbnails, double cpuBudget, int views, Duration maxWait) {
        this.recognizer = recognizer;
        this.thumbnails = thumbnails;
        this.cpuBudget = cpuBudget;
        this.views = views;
        this.maxWaitNanos = maxWait.toNanos();
        this.tokens = cpuBudget; // one second's worth to start with
    }

    /** Reads the passage's plate on these views (best first) and publishes the passage, with or without it. */
    public void submit(VehiclePassage passage, List<PlateSightings.View> best, Consumer<VehiclePassage> publish) {
        long handedOver = System.nanoTime();
        try {
            worker.execute(new Read(passage, best, handedOver, publish));
        } catch (java.util.concurrent.RejectedExecutionException e) { // closing: count it, without a plate
            skipped.incrementAndGet();
            publish.accept(passage.withPlate("SKIPPED", null, null, null, null, null));
        }
    }

    /** One queued read; kept whole so that a read never started at shutdown still sends its passage. */
    private final class Read implements Runnable {
        final VehiclePassage passage;
        final List<PlateSightings.View> best;
        final long handedOver;
        final Consumer<VehiclePassage> publish;

        Read(VehiclePassage passage, List<PlateSightings.View> best, long handedOver, Consumer<VehiclePassage> publish) {
            this.passage = passage;
            this.best = best;
            this.handedOver = handedOver;
            this.publish = publish;
        }

        @Override
        public void run() {
            publish.accept(read(passage, best, handedOver));
        }

        void sendUnread() {
            skipped.incrementAndGet();
            publish.accept(passage.withPlate("SKIPPED", null, null, null, null, null));
        }
    }

    private VehiclePassage read(VehiclePassage passage, List<PlateSightings.View> best, long handedOver) {
        long now = System.nanoTime();
        tokens = Math.min(cpuBudget, tokens + (now - refilledAt) / 1e9 * cpuBudget); // a burst of at most a second's budget
        refilledAt = now;
        if (best.isEmpty()) {
            return passage.withPlate(PlateRecognizer.Status.TOO_SMALL.name(), null, null, null, null, null);
        }
        if (tokens <= 0 || now - handedOver > maxWaitNanos) {
            skipped.incrementAndGet();
            return passage.withPlate("SKIPPED", null, null, null, null, null);
        }
        long start = System.nanoTime();
        try {
            TrackPlate plate = TrackPlate.read(recognizer, best.subList(0, Math.min(views, best.size())));
            PlateRecognizer.Result r = plate.result();
            String thumbnail = thumbnails == null ? null : thumbnails.store(best.get(0));
            read.incrementAndGet();
            if (r.status() != PlateRecognizer.Status.READ) return passage.withPlate(r.status().name(), null, null, null, null, thumbnail);
            return passage.withPlate("READ", r.normalised(), r.display(), Math.max(0, Math.min(1, r.confidence())),
                    r.needsHumanCheck(), thumbnail);
        } catch (RuntimeException e) {
            log.warn("camera {}: plate of passage {} not read: {}", passage.cameraId(), passage.eventId(), e.toString());
            return passage.withPlate(PlateRecognizer.Status.UNREADABLE.name(), null, null, null, null, null);
        } finally {
            long spent = System.nanoTime() - start;
            readNanos.addAndGet(spent);
            tokens -= spent / 1e9;
        }
    }

    /** Passages whose plate was looked for. */
    public long read() {
        return read.get();
    }

    /** Passages sent without a look for their plate (over budget or waiting too long). */
    public long skipped() {
        return skipped.get();
    }

    /** CPU time spent reading, in seconds. */
    public double secondsReading() {
        return readNanos.get() / 1e9;
    }

    /** Reads and sends what is queued (those past their wait without a plate), at most 10 s; then the rest unread. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) sendUnread(worker.shutdownNow());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendUnread(worker.shutdownNow());
        }
    }

    private static void sendUnread(List<Runnable> neverStarted) {
        for (Runnable r : neverStarted) if (r instanceof Read read) read.sendUnread();
    }
}
