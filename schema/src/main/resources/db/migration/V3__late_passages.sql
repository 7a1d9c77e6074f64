-- Passages that arrived after their minute was closed (beyond the allowed lateness): kept, counted, never silently dropped.
CREATE TABLE late_passage (
    event_id       text PRIMARY KEY,
    camera_id      text        NOT NULL,
    vehicle_class  text        NOT NULL,
    event_time     timestamptz NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX late_passage_camera_time ON late_passage (camera_id, event_time);
