-- Issue 22 (part B): what happens to a notice after NOTICE_ISSUED, and violations counted by vehicle class.

-- ---- notice delivery ----
-- A notice's delivery state and the date (Vietnamese calendar day, as the post office or the payment record gives it)
-- on which it last entered each state. ISSUED is where every notice starts; notices issued before V14 start there too.
-- Which move may follow which is the API's NoticeDelivery (it names the allowed next states in its 409); every move
-- goes through notice_move below, which writes the state, its date and the audit entry in one transaction.
ALTER TABLE case_notice
    ADD COLUMN delivery_state text NOT NULL DEFAULT 'ISSUED'
        CHECK (delivery_state IN ('ISSUED', 'PRINTED', 'SENT', 'DELIVERED', 'RETURNED', 'PAID', 'CONTESTED', 'CLOSED')),
    ADD COLUMN printed_on   date,
    ADD COLUMN sent_on      date,
    ADD COLUMN delivered_on date,
    ADD COLUMN returned_on  date,
    ADD COLUMN paid_on      date,
    ADD COLUMN contested_on date,
    ADD COLUMN closed_on    date,
    ADD COLUMN delivery_updated_at timestamptz;
-- The overdue list reads notices by state and the date they entered it.
CREATE INDEX case_notice_delivery ON case_notice (delivery_state, sent_on, delivered_on);

-- Moves one notice from the state the caller saw to the next, on the given day, and audits it as
-- 'notice.delivery FROM->TO' with 'on YYYY-MM-DD' (and the caller's note). Refused with SQLSTATE MT409 when the notice
-- is no longer in from_state, and with MT422 when the day lies before the day it entered its current state (or before
-- the notice was issued) or after today in Vietnam. Returns the audit entry's seq.
CREATE FUNCTION notice_move(case_id uuid, from_state text, to_state text, on_day date, note text, actor text, role text)
    RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n        case_notice;
    previous date;
BEGIN
    SELECT * INTO n FROM case_notice c WHERE c.case_id = notice_move.case_id FOR UPDATE;
    IF NOT FOUND OR n.delivery_state <> from_state THEN
        RAISE EXCEPTION 'the notice changed meanwhile; reload it' USING ERRCODE = 'MT409';
    END IF;
    previous := CASE from_state WHEN 'PRINTED' THEN n.printed_on WHEN 'SENT' THEN n.sent_on WHEN 'DELIVERED' THEN n.delivered_on
                    WHEN 'RETURNED' THEN n.returned_on WHEN 'PAID' THEN n.paid_on WHEN 'CONTESTED' THEN n.contested_on
                    ELSE (n.issued_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END;
    IF on_day < previous THEN
        RAISE EXCEPTION 'date % is before the notice became % on %', on_day, from_state, previous USING ERRCODE = 'MT422';
    END IF;
    IF on_day > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN
        RAISE EXCEPTION 'date % is in the future', on_day USING ERRCODE = 'MT422';
    END IF;
    UPDATE case_notice c
       SET delivery_state = to_state,
           printed_on   = CASE WHEN to_state = 'PRINTED'   THEN on_day ELSE c.printed_on END,
           sent_on      = CASE WHEN to_state = 'SENT'      THEN on_day ELSE c.sent_on END,
           delivered_on = CASE WHEN to_state = 'DELIVERED' THEN on_day ELSE c.delivered_on END,
           returned_on  = CASE WHEN to_state = 'RETURNED'  THEN on_day ELSE c.returned_on END,
           paid_on      = CASE WHEN to_state = 'PAID'      THEN on_day ELSE c.paid_on END,
           contested_on = CASE WHEN to_state = 'CONTESTED' THEN on_day ELSE c.contested_on END,
           closed_on    = CASE WHEN to_state = 'CLOSED'    THEN on_day ELSE c.closed_on END,
           delivery_updated_at = now()
     WHERE c.case_id = notice_move.case_id;
    RETURN audit_append(actor, role, 'notice.delivery ' || from_state || '->' || to_state, 'case:' || case_id,
                        'on ' || to_char(on_day, 'YYYY-MM-DD') || coalesce(': ' || nullif(note, ''), ''));
END $$;

-- ---- violations by vehicle class ----
-- The stream job's violation windows per camera × unit × type × vehicle class (detections; 'unknown' when the event
-- names no class), next to violation_5min / violation_day, which keep their key. Written only by FlowJob's upserts
-- (a count only grows, so replays and restarts leave the same rows).
CREATE TABLE violation_class_5min (
    camera_id       text        NOT NULL,
    unit_code       text        NOT NULL,
    violation_type  text        NOT NULL,
    vehicle_class   text        NOT NULL,
    bucket          timestamptz NOT NULL,
    violations      integer     NOT NULL CHECK (violations >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, violation_type, vehicle_class, bucket)
);
CREATE INDEX violation_class_5min_unit ON violation_class_5min (unit_code, bucket);
-- bucket = midnight in Vietnam (UTC+7) of the day
CREATE TABLE violation_class_day (LIKE violation_class_5min INCLUDING ALL);
