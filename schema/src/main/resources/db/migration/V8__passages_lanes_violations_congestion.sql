-- Raw passages (kept 30 days on TimescaleDB), per-lane flow (FIWARE TrafficFlowObserved names), violation counts
-- per camera and unit, congestion episodes, and late events of any kind.
CREATE TABLE vehicle_passage (
    event_id       text        NOT NULL,
    time           timestamptz NOT NULL,
    camera_id      text        NOT NULL,
    count_line     text        NOT NULL,
    lane_id        text        NOT NULL DEFAULT '',
    vehicle_type   text        NOT NULL,
    direction      text        NOT NULL,
    speed_kmh      double precision,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, time)              -- a hypertable's unique keys include its time column
);
CREATE INDEX vehicle_passage_camera_time ON vehicle_passage (camera_id, time DESC);

CREATE TABLE traffic_flow_observed (
    camera_id              text        NOT NULL,   -- refRoadSegment: the camera's approach
    lane_id                text        NOT NULL,   -- laneId ('' when the scene has no lanes)
    vehicle_type           text        NOT NULL,   -- vehicleType
    date_observed_from     timestamptz NOT NULL,   -- dateObservedFrom (the minute); dateObservedTo = + 1 minute
    intensity              integer     NOT NULL CHECK (intensity >= 0),
    average_vehicle_speed  double precision,        -- km/h, over speed_samples passages
    speed_samples          integer     NOT NULL DEFAULT 0,
    average_headway_time   double precision,        -- s between successive vehicles of the lane (all types)
    occupancy              double precision,        -- not derivable from count-line crossings: null
    updated_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, lane_id, vehicle_type, date_observed_from)
);
CREATE INDEX traffic_flow_observed_time ON traffic_flow_observed (date_observed_from);

CREATE TABLE violation_5min (
    camera_id       text        NOT NULL,
    unit_code       text        NOT NULL,
    violation_type  text        NOT NULL,
    bucket          timestamptz NOT NULL,
    violations      integer     NOT NULL CHECK (violations >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, violation_type, bucket)
);
CREATE INDEX violation_5min_unit ON violation_5min (unit_code, violation_type, bucket);
-- bucket = midnight in Vietnam (UTC+7) of the day
CREATE TABLE violation_day (LIKE violation_5min INCLUDING ALL);

CREATE TABLE congestion_event (
    camera_id           text        NOT NULL,
    started_at          timestamptz NOT NULL,
    cleared_at          timestamptz,            -- null while it lasts
    congested_minutes   integer     NOT NULL,
    peak_vehicles       double precision NOT NULL,
    lowest_flow         integer     NOT NULL,   -- fewest passages in one congested minute
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, started_at)
);
CREATE INDEX congestion_event_open ON congestion_event (camera_id) WHERE cleared_at IS NULL;

-- Events that came after their windows closed (beyond the allowed lateness), other than passages (late_passage).
CREATE TABLE late_event (
    kind         text        NOT NULL,
    event_id     text        NOT NULL,
    camera_id    text        NOT NULL,
    event_time   timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, event_id)
);
