package vn.matthan.detection;

import vn.matthan.ingest.VideoFrame;

import java.util.List;

/** Finds road users in a frame. Implementations are thread-safe. */
public interface VehicleDetector extends AutoCloseable {

    List<Detection> detect(VideoFrame frame);

    /** Model file name and SHA-256, recorded with every event and evidence package. */
    String modelId();

    @Override
    void close();
}
