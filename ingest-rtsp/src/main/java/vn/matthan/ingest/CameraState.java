package vn.matthan.ingest;

/** Health state of one camera's stream. */
public enum CameraState {
    CONNECTING, STREAMING, STALLED, FAILED, STOPPED
}
