package vn.matthan.detection;

import vn.matthan.events.VehiclePassage;

/** Where passages go. Must never block detection for long. */
public interface PassagePublisher extends AutoCloseable {
    void publish(VehiclePassage passage);

    @Override
    void close();
}
