-- Camera uptime per hour from camera.health reports (every 5 s per camera): share of reports while STREAMING.
CREATE TABLE camera_uptime_hour (
    camera_id          text        NOT NULL,
    hour               timestamptz NOT NULL,
    samples            bigint      NOT NULL CHECK (samples > 0),
    streaming_samples  bigint      NOT NULL CHECK (streaming_samples >= 0 AND streaming_samples <= samples),
    uptime             double precision GENERATED ALWAYS AS (streaming_samples::double precision / samples) STORED,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, hour)
);
