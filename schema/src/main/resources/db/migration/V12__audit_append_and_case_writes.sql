-- One owner for what two writers share: the hash-chained audit log and the violation case. The Flink sink (JDBC)
-- and the API (reactive pg client) call these functions instead of each carrying its own copy of the rules.

-- ---- the audit chain ----

-- A text value as Jackson wrote it in the canonical JSON the Java writers hashed before V12: quote and backslash
-- escaped, \b \t \n \f \r short, other control characters as \u00XX with upper-case hex, everything else as is.
-- (to_json differs: it writes lower-case hex.)
CREATE FUNCTION audit_json_text(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    escaped text;
BEGIN
    IF s IS NULL THEN
        RETURN 'null';
    END IF;
    escaped := replace(replace(s, '\', '\\'), '"', '\"');
    IF escaped ~ ('[' || chr(1) || '-' || chr(31) || ']') THEN
        escaped := replace(replace(replace(replace(replace(escaped,
                       chr(8), '\b'), chr(9), '\t'), chr(10), '\n'), chr(12), '\f'), chr(13), '\r');
        FOR c IN 1..31 LOOP
            escaped := replace(escaped, chr(c), '\u' || upper(lpad(to_hex(c), 4, '0')));
        END LOOP;
    END IF;
    RETURN '"' || escaped || '"';
END $$;

-- The chain rule: SHA-256 (lower-case hex) of the UTF-8 JSON array
-- [prev_hash, epoch seconds, microseconds, actor, role, action, target, reason], no spaces. Entries written by the
-- Java writers before V12 hash to the same value, so one check covers the whole log.
CREATE FUNCTION audit_hash(prev_hash text, at timestamptz, actor text, role text, action text, target text, reason text)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(
               '[' || audit_json_text(prev_hash)
               || ',' || floor(extract(epoch FROM at))::bigint
               || ',' || ((extract(epoch FROM at) - floor(extract(epoch FROM at))) * 1000000)::bigint
               || ',' || audit_json_text(actor) || ',' || audit_json_text(role) || ',' || audit_json_text(action)
               || ',' || audit_json_text(target) || ',' || audit_json_text(reason) || ']', 'UTF8')), 'hex')
$$;

-- Appends one entry inside the caller's transaction and returns its seq. The advisory lock (7412, the number the Java
-- writers took) is held until that transaction ends, so appends are serialised and the chain never forks; each
-- statement here reads the latest committed head because a volatile function takes a fresh snapshot per statement.
CREATE FUNCTION audit_append(actor text, role text, action text, target text, reason text) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    prev  text;
    stamp timestamptz;
    added bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(7412);
    SELECT a.hash INTO prev FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
    prev := coalesce(prev, repeat('0', 64));
    stamp := clock_timestamp(); -- microseconds, what timestamptz keeps and the hash covers
    INSERT INTO audit_log (at, actor, role, action, target, reason, prev_hash, hash)
    VALUES (stamp, audit_append.actor, audit_append.role, audit_append.action, audit_append.target, audit_append.reason, prev,
            audit_hash(prev, stamp, audit_append.actor, audit_append.role, audit_append.action, audit_append.target, audit_append.reason))
    RETURNING seq INTO added;
    RETURN added;
END $$;

-- Reads the whole log in seq order and re-computes every link: the number of entries and the seq of the first entry
-- that was removed, altered or moved (or whose predecessor was), null when the chain is intact.
CREATE FUNCTION audit_chain_check(OUT entries bigint, OUT first_broken bigint) LANGUAGE plpgsql STABLE AS $$
DECLARE
    e    audit_log;
    prev text := repeat('0', 64);
BEGIN
    entries := 0;
    FOR e IN SELECT * FROM audit_log ORDER BY seq LOOP
        entries := entries + 1;
        IF first_broken IS NULL
           AND (e.prev_hash <> prev OR e.hash <> audit_hash(prev, e.at, e.actor, e.role, e.action, e.target, e.reason)) THEN
            first_broken := e.seq;
        END IF;
        prev := e.hash;
    END LOOP;
END $$;

-- ---- violation cases ----
-- Which moves the lifecycle allows is decided by the callers' shared vn.matthan.events.CaseStatus (the API must name
-- the allowed next statuses in its 409 before rendering a notice); these functions own how a case is written: the
-- row change, its notice and its audit entry in one transaction, refused with SQLSTATE MT409 when the case is no
-- longer in the state the caller saw.

-- Moves a case from one status to the next and audits it as 'case.status FROM->TO'; a rejection keeps its reason;
-- a notice PDF, when given, is stored with its SHA-256 and the issuer. Returns the audit entry's seq.
CREATE FUNCTION case_move(case_id uuid, from_status text, to_status text, reason text, actor text, role text,
                          notice_pdf bytea DEFAULT NULL) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
    UPDATE violation_case v
       SET status = case_move.to_status,
           reject_reason = coalesce(CASE WHEN case_move.to_status = 'REJECTED' THEN case_move.reason END, v.reject_reason),
           updated_at = now()
     WHERE v.id = case_move.case_id AND v.status = case_move.from_status AND v.merged_into IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the case changed meanwhile; reload it' USING ERRCODE = 'MT409';
    END IF;
    IF notice_pdf IS NOT NULL THEN
        INSERT INTO case_notice (case_id, pdf, sha256, issued_by)
        VALUES (case_move.case_id, case_move.notice_pdf, encode(sha256(case_move.notice_pdf), 'hex'), case_move.actor);
    END IF;
    RETURN audit_append(actor, role, 'case.status ' || from_status || '->' || to_status, 'case:' || case_id, reason);
END $$;

-- A reviewer's plate correction, only before the case is decided; the reader's plate stays as it was read.
CREATE FUNCTION case_correct_plate(case_id uuid, plate text, reason text, actor text, role text) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    was_read text;
BEGIN
    UPDATE violation_case v SET plate_corrected = case_correct_plate.plate, updated_at = now()
     WHERE v.id = case_correct_plate.case_id AND v.status IN ('DETECTED', 'PENDING_REVIEW')
    RETURNING v.plate_read INTO was_read;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the case changed meanwhile; reload it' USING ERRCODE = 'MT409';
    END IF;
    RETURN audit_append(actor, role, 'case.plate_corrected', 'case:' || case_id,
                        'read ' || coalesce(was_read, 'null') || ', corrected to ' || plate || ': ' || reason);
END $$;

-- Opens the case of one detected violation: 'replay' when it exists already (nothing changes), 'merged' when an open
-- case of the same plate, camera and type lies within 10 minutes (only when neither plate read was doubted by the
-- node that read it), 'queued' when its evidence package exists (PENDING_REVIEW), else 'opened'. Each step audited.
CREATE FUNCTION case_open(case_id uuid, violation_type text, rule text, detail text, place text, camera_id text, unit_code text,
                          occurred_at timestamptz, vehicle_class text, signal_phase text, time_into_red_s double precision,
                          speed_kmh double precision, indicative boolean, plate_read text, plate_confidence double precision,
                          plate_needs_check boolean, evidence_uri text, evidence_sha256 text, scene_version text,
                          actor text, role text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    target text := 'case:' || case_id;
    earlier uuid;
BEGIN
    INSERT INTO violation_case (id, violation_type, rule, detail, place, camera_id, unit_code, occurred_at, vehicle_class,
        signal_phase, time_into_red_s, speed_kmh, indicative, plate_read, plate_confidence, plate_needs_check, evidence_uri,
        evidence_sha256, scene_version, status)
    VALUES (case_open.case_id, case_open.violation_type, case_open.rule, case_open.detail, case_open.place, case_open.camera_id,
        case_open.unit_code, case_open.occurred_at, case_open.vehicle_class, case_open.signal_phase, case_open.time_into_red_s,
        case_open.speed_kmh, case_open.indicative, case_open.plate_read, case_open.plate_confidence, case_open.plate_needs_check,
        case_open.evidence_uri, case_open.evidence_sha256, case_open.scene_version, 'DETECTED')
    ON CONFLICT (id) DO NOTHING;
    IF NOT FOUND THEN
        RETURN 'replay';
    END IF;
    PERFORM audit_append(actor, role, 'case.opened', target, case_open.violation_type || ' at camera ' || case_open.camera_id);
    IF case_open.plate_read IS NOT NULL AND case_open.plate_needs_check IS FALSE THEN
        SELECT v.id INTO earlier FROM violation_case v
         WHERE v.camera_id = case_open.camera_id AND v.violation_type = case_open.violation_type
           AND v.plate = regexp_replace(upper(case_open.plate_read), '[^A-Z0-9]', '', 'g')
           AND v.id <> case_open.case_id AND v.merged_into IS NULL AND v.plate_needs_check = false
           AND v.occurred_at BETWEEN case_open.occurred_at - interval '10 minutes' AND case_open.occurred_at + interval '10 minutes'
         ORDER BY v.occurred_at LIMIT 1;
        IF FOUND THEN
            UPDATE violation_case v SET merged_into = earlier, updated_at = now() WHERE v.id = case_open.case_id;
            PERFORM audit_append(actor, role, 'case.merged', target, 'same plate, camera and type within 10 min as case:' || earlier);
            RETURN 'merged';
        END IF;
    END IF;
    IF case_open.evidence_sha256 IS NOT NULL THEN
        PERFORM case_move(case_open.case_id, 'DETECTED', 'PENDING_REVIEW', 'signed evidence package ' || case_open.evidence_sha256,
                          actor, role);
        RETURN 'queued';
    END IF;
    RETURN 'opened';
END $$;
