package vn.matthan.detection.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.ingest.VideoFrame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shares one batched model among camera threads: frames that are waiting when the model becomes free run
 * together as one batch (never more than the model's batch size), so several cameras cost one inference.
 * A frame that may share waits a moment ({@link #PARTNER_WAIT_MILLIS} at most) for another camera's frame to run with,
 * but only while other sharing cameras are live: a node's lone camera never waits. Several workers may serve the
 * queue, each running its own batches at the same time (for a model that runs several inferences at once), one of
 * them gathering at a time; a frame whose camera said it may not share an input runs alone.
 */
public final class BatchingDetector implements VehicleDetector {
    private static final Logger log = LoggerFactory.getLogger(BatchingDetector.class);

    private record Pending(VideoFrame frame, boolean shareable, CompletableFuture<List<Detection>> result) {
    }

    /**
     * Longest a shareable frame waits for a partner. Cameras' frames arrive unsynchronised, so without a wait two
     * workers took most frames alone (1.31 frames per run with 10 of 13 cameras shareable in cameras-per-node); a
     * partner saves a whole inference, and 30 ms is small beside the 200 ms between a camera's frames at 5 frames/s.
     */
    static final long PARTNER_WAIT_MILLIS = 30;
    private static final long LIVE_NANOS = 1_000_000_000L;

    private final VehicleDetector model;
    private final ReentrantLock gathering = new ReentrantLock();
    private final Map<String, Long> shareableSeen = new ConcurrentHashMap<>(); // camera id -> nanoTime of its last shareable frame
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;
    // Written by the worker, read by anyone.
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();

    public BatchingDetector(VehicleDetector model) {
        this(model, 1);
    }

    /** @param workers threads serving batches at the same time */
    public BatchingDetector(VehicleDetector model, int workers) {
        this.model = model;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::serve, "detector-batches-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        return detect(frame, true);
    }

    @Override
    public List<Detection> detect(VideoFrame frame, boolean mayShareInput) {
        Pending p = new Pending(frame, mayShareInput, new CompletableFuture<>());
        if (mayShareInput) shareableSeen.put(frame.cameraId(), System.nanoTime());
        waiting.add(p);
        try {
            return p.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for detection", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void serve() {
        List<Pending> batch = new ArrayList<>();
        while (running) {
            Pending alone = null;
            try {
                gathering.lockInterruptibly();
                try {
                    Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    batch.add(first);
                    if (first.shareable()) alone = gather(batch);
                } finally {
                    gathering.unlock();
                }
                run(batch);
                if (alone != null) run(List.of(alone));
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds shareable frames up to the model's batch, waiting for them while another sharing camera is live; returns
     * a frame taken that must run alone, if any. Only the worker holding {@link #gathering} calls this.
     */
    private Pending gather(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PARTNER_WAIT_MILLIS);
        while (batch.size() < model.maxBatch()) {
            Pending next = waiting.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !partnerExpected(batch)) return null;
                next = waiting.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) return null;
            }
            if (!next.shareable()) return next;
            batch.add(next);
        }
        return null;
    }

    /** Whether a sharing camera other than those in the batch sent a frame lately (a camera sends its next only after). */
    private boolean partnerExpected(List<Pending> batch) {
        long now = System.nanoTime();
        shareableSeen.values().removeIf(t -> now - t > LIVE_NANOS); // a camera quiet this long is not coming
        Set<String> in = new HashSet<>();
        for (Pending p : batch) in.add(p.frame().cameraId());
        return !in.containsAll(shareableSeen.keySet());
    }

    private void run(List<Pending> batch) {
        try {
            List<List<Detection>> out = model.detectBatch(batch.stream().map(Pending::frame).toList());
            // Counted before the cameras hear back, so a caller that has its result sees its run counted.
            batches.incrementAndGet();
            frames.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(out.get(i));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            // One bad frame must not cost the other cameras their results: retry one by one.
            log.debug("batch of {} failed ({}); retrying frames singly", batch.size(), e.getMessage());
            for (Pending p : batch) run(List.of(p));
        }
    }

    /** Frames per model run so far (1.0 = no batching happened). */
    public double meanBatchSize() {
        long b = batches.get();
        return b == 0 ? 0 : (double) frames.get() / b;
    }

    @Override
    public int maxBatch() {
        return model.maxBatch();
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        model.close();
    }
}
