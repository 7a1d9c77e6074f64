-- Issue 23 (field reports): citizens' reports of problems in the field (Hue-S style), routed to the responsible
-- agency, handled within a clock of working days, rated by the citizen.

-- An agency's staff sign in with role AGENCY and see only their agency's reports (app_user.agency).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('ADMIN', 'POLICE_REVIEWER', 'IOC_OPERATOR', 'LEADER', 'AGENCY'));
ALTER TABLE app_user ADD COLUMN agency text;
ALTER TABLE app_user ADD CONSTRAINT app_user_agency_role CHECK ((role = 'AGENCY') = (agency IS NOT NULL));

CREATE TABLE field_report (
    id               uuid PRIMARY KEY,
    channel          text        NOT NULL CHECK (channel IN ('web', 'hotline')),
    category         text        NOT NULL,
    description      text        NOT NULL,
    place            text,
    latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
    unit_code        text,                           -- the district whose outline holds the point (null: none found)
    agency           text,                           -- null while RECEIVED (not routed, or returned)
    status           text        NOT NULL CHECK (status IN ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'RATED')),
    received_at      timestamptz NOT NULL DEFAULT now(),
    due_at           timestamptz NOT NULL,           -- end of the last working day of the clock (API's WorkingCalendar)
    calendar_version text        NOT NULL,           -- the holiday calendar that set due_at
    resolved_at      timestamptz,
    resolution       text,
    rating           text CHECK (rating IN ('SATISFIED', 'NEUTRAL', 'UNSATISFIED')),
    rating_comment   text,
    rated_at         timestamptz,
    rating_token_sha256 text     NOT NULL,           -- SHA-256 of the token handed to the citizen at intake
    reporter_name    text,                           -- personal data: hotline callers may give it; reads are audited
    reporter_phone   text,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('RESOLVED', 'RATED')) = (resolved_at IS NOT NULL)),
    CHECK ((status = 'RATED') = (rating IS NOT NULL))
);
CREATE INDEX field_report_queue ON field_report (agency, status, due_at);
CREATE INDEX field_report_unit ON field_report (unit_code, received_at);
CREATE INDEX field_report_open_due ON field_report (due_at) WHERE status IN ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS');

-- Photos are stored like evidence: content-addressed by SHA-256 in the evidence store; the hash is kept here.
CREATE TABLE field_report_photo (
    report_id  uuid    NOT NULL REFERENCES field_report (id),
    sha256     text    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    media_type text    NOT NULL,
    bytes      integer NOT NULL CHECK (bytes > 0),
    position   smallint NOT NULL,
    PRIMARY KEY (report_id, sha256)
);

-- Inhabitants per unit (config/population.yaml, with its source), for reports per 10,000 inhabitants.
CREATE TABLE unit_population (
    unit_code  text PRIMARY KEY,
    population integer NOT NULL CHECK (population > 0),
    year       integer NOT NULL,
    source     text    NOT NULL
);

-- The lifecycle, in one place. Moves a report may make from a status (RATED only through report_rate):
--   RECEIVED    -> ASSIGNED (dispatch to an agency)
--   ASSIGNED    -> IN_PROGRESS | ASSIGNED (reassign to another agency) | RECEIVED (returned by the agency, with reason)
--   IN_PROGRESS -> RESOLVED (with what was done) | ASSIGNED (reassign) | RECEIVED (returned, with reason)
--   RESOLVED    -> RATED (the citizen, with the token from intake)
CREATE FUNCTION report_next(from_status text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE from_status
        WHEN 'RECEIVED'    THEN ARRAY['ASSIGNED']
        WHEN 'ASSIGNED'    THEN ARRAY['IN_PROGRESS', 'ASSIGNED', 'RECEIVED']
        WHEN 'IN_PROGRESS' THEN ARRAY['RESOLVED', 'ASSIGNED', 'RECEIVED']
        WHEN 'RESOLVED'    THEN ARRAY['RATED']
        ELSE ARRAY[]::text[] END
$$;

-- Files a report (status RECEIVED, then ASSIGNED when routing found an agency), each step audited.
CREATE FUNCTION report_open(id uuid, channel text, category text, description text, place text, latitude double precision,
                            longitude double precision, unit_code text, agency text, due_at timestamptz,
                            calendar_version text, token_sha256 text, reporter_name text, reporter_phone text,
                            actor text, role text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO field_report (id, channel, category, description, place, latitude, longitude, unit_code, agency, status,
                              due_at, calendar_version, rating_token_sha256, reporter_name, reporter_phone)
    VALUES (id, channel, category, description, place, latitude, longitude, unit_code, NULL, 'RECEIVED',
            due_at, calendar_version, token_sha256, reporter_name, reporter_phone);
    PERFORM audit_append(actor, role, 'report.received', 'report:' || id,
                         channel || ', ' || category || ', unit ' || coalesce(unit_code, 'unknown')
                         || ', due ' || to_char(due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI'));
    IF agency IS NOT NULL THEN
        UPDATE field_report r SET agency = report_open.agency, status = 'ASSIGNED' WHERE r.id = report_open.id;
        PERFORM audit_append('system:routing', 'SYSTEM', 'report.move RECEIVED->ASSIGNED', 'report:' || id,
                             'routed to ' || agency);
    END IF;
END $$;

-- Moves a report from the status the caller saw. Refused with MT409 when it is no longer there, MT422 when the move
-- is not one of report_next's or lacks what it needs (an agency to assign to, a reason to return or reassign, what
-- was done to resolve). Returns the audit entry's seq.
CREATE FUNCTION report_move(report_id uuid, from_status text, to_status text, to_agency text, reason text,
                            actor text, role text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    r field_report;
BEGIN
    SELECT * INTO r FROM field_report f WHERE f.id = report_id FOR UPDATE;
    IF NOT FOUND OR r.status <> from_status THEN
        RAISE EXCEPTION 'the report changed meanwhile; reload it' USING ERRCODE = 'MT409';
    END IF;
    IF to_status = 'RATED' OR NOT to_status = ANY (report_next(from_status)) THEN
        RAISE EXCEPTION 'a report % cannot become %', from_status, to_status USING ERRCODE = 'MT422';
    END IF;
    IF to_status = 'ASSIGNED' AND nullif(to_agency, '') IS NULL THEN
        RAISE EXCEPTION 'name the agency to assign the report to' USING ERRCODE = 'MT422';
    END IF;
    IF to_status = 'ASSIGNED' AND from_status <> 'RECEIVED' AND (to_agency = r.agency OR nullif(btrim(reason), '') IS NULL) THEN
        RAISE EXCEPTION 'a reassignment needs another agency and a reason' USING ERRCODE = 'MT422';
    END IF;
    IF to_status IN ('RECEIVED', 'RESOLVED') AND nullif(btrim(reason), '') IS NULL THEN
        RAISE EXCEPTION '% needs a reason', CASE to_status WHEN 'RECEIVED' THEN 'returning a report' ELSE 'resolving a report (what was done)' END
            USING ERRCODE = 'MT422';
    END IF;
    UPDATE field_report f
       SET status = to_status,
           agency = CASE to_status WHEN 'ASSIGNED' THEN to_agency WHEN 'RECEIVED' THEN NULL ELSE f.agency END,
           resolved_at = CASE WHEN to_status = 'RESOLVED' THEN now() ELSE f.resolved_at END,
           resolution = CASE WHEN to_status = 'RESOLVED' THEN reason ELSE f.resolution END,
           updated_at = now()
     WHERE f.id = report_id;
    RETURN audit_append(actor, role, 'report.move ' || from_status || '->' || to_status, 'report:' || report_id,
                        concat_ws(': ', CASE WHEN to_status = 'ASSIGNED' THEN 'to ' || to_agency END, nullif(reason, '')));
END $$;

-- The citizen's rating, once, with the token given at intake (compared by its SHA-256). MT403: wrong token;
-- MT409: not resolved (or already rated).
CREATE FUNCTION report_rate(report_id uuid, token_sha256 text, rating text, comment text) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    r field_report;
BEGIN
    SELECT * INTO r FROM field_report f WHERE f.id = report_id FOR UPDATE;
    IF NOT FOUND OR r.rating_token_sha256 <> token_sha256 THEN
        RAISE EXCEPTION 'no report with this code and token' USING ERRCODE = 'MT403';
    END IF;
    IF r.status <> 'RESOLVED' THEN
        RAISE EXCEPTION 'only a resolved report can be rated (it is %)', r.status USING ERRCODE = 'MT409';
    END IF;
    UPDATE field_report f SET status = 'RATED', rating = report_rate.rating, rating_comment = nullif(comment, ''),
                              rated_at = now(), updated_at = now()
     WHERE f.id = report_id;
    RETURN audit_append('public:reporter', 'PUBLIC', 'report.move RESOLVED->RATED', 'report:' || report_id, rating);
END $$;
