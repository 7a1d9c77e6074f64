package vn.matthan.detection.model;

import vn.matthan.ingest.VideoFrame;

import java.util.List;

/** Finds road users in a frame. Implementations are thread-safe. */
public interface VehicleDetector extends AutoCloseable {

    List<Detection> detect(VideoFrame frame);

    /**
     * As {@link #detect(VideoFrame)}; {@code mayShareInput} says the frame may run in one model input with another
     * camera's frame where the detector packs several into one (see {@link YoloxDetector#detectBatch(List)}).
     */
    default List<Detection> detect(VideoFrame frame, boolean mayShareInput) {
        return detect(frame);
    }

    /** Several frames (usually of several cameras) in one model run where the model allows it. */
    default List<List<Detection>> detectBatch(List<VideoFrame> frames) {
        return frames.stream().map(this::detect).toList();
    }

    /** Largest batch one model run takes; 1 when the model has a fixed batch dimension. */
    default int maxBatch() {
        return 1;
    }

    /** Model file name and SHA-256, recorded with every event and evidence package. */
    String modelId();

    @Override
    void close();
}
