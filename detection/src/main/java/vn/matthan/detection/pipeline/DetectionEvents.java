package vn.matthan.detection.pipeline;

import vn.matthan.events.VehiclePassage;
import vn.matthan.events.ViolationDetected;

/** Where a camera's findings go. Must never block detection for long. */
public interface DetectionEvents extends AutoCloseable {
    void passage(VehiclePassage passage);

    void violation(ViolationDetected violation);

    @Override
    void close();
}
