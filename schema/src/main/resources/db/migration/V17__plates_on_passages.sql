-- The plate read on every passage (route tracing): the normalised plate (letters and digits), as written, the read's
-- confidence and human-check flag, its status (READ, NOT_FOUND, TOO_SMALL, UNREADABLE, SKIPPED) and a thumbnail of the
-- vehicle in the evidence store. Passages keep their 30-day retention on TimescaleDB: sightings go with them.
ALTER TABLE vehicle_passage ADD COLUMN plate text;
ALTER TABLE vehicle_passage ADD COLUMN plate_display text;
ALTER TABLE vehicle_passage ADD COLUMN plate_confidence real;
ALTER TABLE vehicle_passage ADD COLUMN plate_needs_check boolean;
ALTER TABLE vehicle_passage ADD COLUMN plate_status text;
ALTER TABLE vehicle_passage ADD COLUMN thumbnail_sha256 text;
-- A plate's sightings in time order, and its look-alike variants, are index lookups.
CREATE INDEX vehicle_passage_plate_time ON vehicle_passage (plate, time) WHERE plate IS NOT NULL;

-- Police investigators trace a plate's route through their jurisdiction's cameras (each lookup audited with its reason).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('ADMIN', 'POLICE_REVIEWER', 'POLICE_INVESTIGATOR', 'IOC_OPERATOR', 'LEADER', 'AGENCY'));
