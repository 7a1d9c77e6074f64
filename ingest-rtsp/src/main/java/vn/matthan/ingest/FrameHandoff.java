package vn.matthan.ingest;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded hand-off from a grabber to detection. When detection falls behind, the oldest frame is
 * dropped and counted: memory stays flat and analysis stays close to live.
 */
public final class FrameHandoff {
    private final int capacity;
    private final ArrayDeque<VideoFrame> queue;
    private final AtomicLong dropped = new AtomicLong();

    public FrameHandoff(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
        this.capacity = capacity;
        this.queue = new ArrayDeque<>(capacity);
    }

    public synchronized void offer(VideoFrame frame) {
        if (queue.size() == capacity) {
            queue.pollFirst();
            dropped.incrementAndGet();
        }
        queue.addLast(frame);
        notifyAll();
    }

    /** Next frame, or null after the timeout. */
    public synchronized VideoFrame poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return queue.pollFirst();
    }

    public long dropped() {
        return dropped.get();
    }

    public synchronized int size() {
        return queue.size();
    }
}
