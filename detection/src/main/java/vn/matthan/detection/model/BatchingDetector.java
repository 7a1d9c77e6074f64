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
 * A camera never waits for a batch to fill: a lone frame runs alone.
 */
public final class BatchingDetector implements VehicleDetector {
    private static final Logger log = LoggerFactory.getLogger(BatchingDetector.class);

    private record Pending(VideoFrame frame, CompletableFuture<List<Detection>> result) {
    }

    private final VehicleDetector model;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;
    // Written by the worker, read by anyone.
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();

    public BatchingDetector(VehicleDetector model) {
        this.model = model;
        this.worker = new Thread(this::serve, "detector-batches");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        Pending p = new Pending(frame, new CompletableFuture<>());
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
                waiting.drainTo(batch, model.maxBatch() - 1);
                run(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
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
        worker.interrupt();
        model.close();
    }
}
