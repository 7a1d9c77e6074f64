-- Violation cases (one per violation.detected), the append-only audit log, reviewers, and vehicle registrations.
CREATE TABLE violation_case (
    id               uuid PRIMARY KEY,               -- violation_id of the event
    violation_type   text NOT NULL,
    rule             text,
    detail           text,
    place            text,
    camera_id        text NOT NULL,
    unit_code        text NOT NULL,
    occurred_at      timestamptz NOT NULL,
    vehicle_class    text,
    signal_phase     text,
    time_into_red_s  double precision,
    speed_kmh        double precision,
    indicative       boolean NOT NULL DEFAULT false,
    plate_read       text,                           -- what the reader saw, never overwritten
    plate_confidence double precision,
    plate_corrected  text,                           -- a reviewer's correction
    -- normalised plate for search and duplicates: letters and digits only (51F-123.45 → 51F12345)
    plate            text GENERATED ALWAYS AS (regexp_replace(upper(coalesce(plate_corrected, plate_read)), '[^A-Z0-9]', '', 'g')) STORED,
    evidence_uri     text,
    evidence_sha256  text,
    scene_version    text,
    status           text NOT NULL DEFAULT 'DETECTED'
                     CHECK (status IN ('DETECTED', 'PENDING_REVIEW', 'CONFIRMED', 'REJECTED', 'NOTICE_ISSUED', 'CLOSED')),
    reject_reason    text,
    merged_into      uuid REFERENCES violation_case (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL)
);
CREATE INDEX violation_case_queue ON violation_case (unit_code, status, occurred_at DESC, id DESC);
CREATE INDEX violation_case_plate ON violation_case (plate, status);
CREATE INDEX violation_case_duplicates ON violation_case (camera_id, violation_type, plate, occurred_at);

CREATE TABLE case_notice (
    case_id     uuid PRIMARY KEY REFERENCES violation_case (id),
    pdf         bytea NOT NULL,
    sha256      text NOT NULL,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    issued_by   text NOT NULL
);

CREATE TABLE audit_log (
    seq        bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text NOT NULL,
    role       text NOT NULL,
    action     text NOT NULL,
    target     text,
    reason     text,
    prev_hash  text NOT NULL,
    hash       text NOT NULL UNIQUE
);
-- Append-only: the application can neither change nor remove an entry.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE app_user (
    username      text PRIMARY KEY,
    display_name  text NOT NULL,
    password_hash text NOT NULL,                     -- PBKDF2-HMAC-SHA256, see ioc-api Passwords
    role          text NOT NULL CHECK (role IN ('ADMIN', 'POLICE_REVIEWER', 'IOC_OPERATOR', 'LEADER')),
    unit_codes    text[] NOT NULL DEFAULT '{}'       -- jurisdiction (administrative unit codes)
);

CREATE TABLE api_session (
    token_sha256 text PRIMARY KEY,
    username     text NOT NULL REFERENCES app_user (username),
    expires_at   timestamptz NOT NULL
);

-- The vehicle registry the notices draw owners from (filled from the registration authority's export).
CREATE TABLE vehicle_registration (
    plate          text PRIMARY KEY,                 -- normalised: letters and digits only, e.g. 51F12345
    owner_name     text NOT NULL,
    owner_address  text NOT NULL,
    vehicle_class  text,
    brand          text,
    colour         text
);
