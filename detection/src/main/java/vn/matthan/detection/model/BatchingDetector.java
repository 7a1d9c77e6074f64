package vn.matthan.detection.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.matthan.ingest.VideoFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shares one batched model among camera threads: frames that are waiting when the model becomes free run
 * together as one batch (never more than the model's batch size), so several cameras cost one inference.
 * A camera never waits for a batch to fill: a lone frame runs alone. Several workers may serve the queue, each
 * running its own batches at the same time (for a model that runs several inferences at once); a frame whose camera
 * said it may not share an input runs alone.
 */
public final class BatchingDetector implements VehicleDetector {
    private static final Logger log = LoggerFactory.getLogger(BatchingDetector.class);

    private record Pending(VideoFrame frame, boolean shareable, CompletableFuture<List<Detection>> result) {
    }

    private final VehicleDetector model;
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
            try {
                Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                Pending alone = first.shareable() ? fill(batch) : null;
                run(batch);
                if (alone != null) run(List.of(alone));
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds waiting shareable frames up to the model's batch; returns a frame taken that must run alone, if any. */
    private Pending fill(List<Pending> batch) {
        synchronized (waiting) {
            while (batch.size() < model.maxBatch()) {
                Pending next = waiting.peek();
                if (next == null || !next.shareable()) return null;
                next = waiting.poll(); // another worker may have taken the one seen
                if (next == null) return null;
                if (!next.shareable()) return next;
                batch.add(next);
            }
            return null;
        }
    }

    private void run(List<Pending> batch) {
        try {
            List<List<Detection>> out = model.detectBatch(batch.stream().map(Pending::frame).toList());
            for (int i = 0; i < batch.size(); i++) batch.get(i).result().complete(out.get(i));
            batches.incrementAndGet();
            frames.addAndGet(batch.size());
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
