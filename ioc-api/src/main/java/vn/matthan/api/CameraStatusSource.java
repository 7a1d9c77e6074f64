package vn.matthan.api;

import io.vertx.core.json.JsonObject;

/** Live ingest/analysis status of a camera, where the node runs ingest itself; empty object if unknown. */
@FunctionalInterface
public interface CameraStatusSource {
    JsonObject status(String cameraId);

    CameraStatusSource NONE = id -> new JsonObject();
}
