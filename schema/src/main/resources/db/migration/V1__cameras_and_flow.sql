-- Cameras as registered on the node (the registry file is the source; this is its published copy).
CREATE TABLE camera (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    unit_code   text NOT NULL,
    latitude    double precision,
    longitude   double precision,
    stream_url  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Vehicle passages per camera, class and minute (event time). Upserted: an early count of the current
-- minute is replaced by later, larger counts, and a replay writes the same row again.
CREATE TABLE flow_minute (
    camera_id      text        NOT NULL,
    vehicle_class  text        NOT NULL,
    bucket         timestamptz NOT NULL,
    passages       integer     NOT NULL CHECK (passages >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, bucket, vehicle_class)
);
CREATE INDEX flow_minute_bucket ON flow_minute (bucket);
