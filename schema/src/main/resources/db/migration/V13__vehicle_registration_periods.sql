-- The vehicle registry over time. Each row is one registration period of a plate: owner, vehicle, valid from / to
-- (both days inclusive, in Vietnamese local days; valid_to NULL: still registered). A notice names the owner whose
-- period holds the day of the violation. An import never overwrites: a period it changes is marked superseded (when,
-- by which audited import) and its new version added beside it, so what the registry said at any time stays readable.
-- Rows from before V13 (one per plate, no dates) become periods valid since always ('-infinity').
ALTER TABLE vehicle_registration DROP CONSTRAINT vehicle_registration_pkey;
ALTER TABLE vehicle_registration
    ADD COLUMN id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ADD COLUMN valid_from     date NOT NULL DEFAULT '-infinity',
    ADD COLUMN valid_to       date,
    ADD COLUMN recorded_at    timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN recorded_seq   bigint,                 -- the audit entry of the import that added this version
    ADD COLUMN superseded_at  timestamptz,            -- NULL: the current version of its period
    ADD COLUMN superseded_seq bigint,                 -- the audit entry of the import that replaced it
    ADD CONSTRAINT vehicle_registration_period CHECK (valid_to IS NULL OR valid_to >= valid_from),
    ADD CONSTRAINT vehicle_registration_supersession CHECK ((superseded_at IS NULL) = (superseded_seq IS NULL));

-- One current version per plate and period start; the owner lookup (plate, day) reads this index.
CREATE UNIQUE INDEX vehicle_registration_current ON vehicle_registration (plate, valid_from) WHERE superseded_at IS NULL;

-- History is kept: a version is never deleted, and the only change allowed is marking a current version superseded.
CREATE FUNCTION vehicle_registration_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'vehicle_registration keeps its history: versions are superseded, never deleted';
    END IF;
    IF OLD.superseded_at IS NOT NULL OR NEW.superseded_at IS NULL
       OR (NEW.plate, NEW.owner_name, NEW.owner_address, NEW.vehicle_class, NEW.brand, NEW.colour, NEW.valid_from, NEW.valid_to,
           NEW.recorded_at, NEW.recorded_seq)
          IS DISTINCT FROM (OLD.plate, OLD.owner_name, OLD.owner_address, OLD.vehicle_class, OLD.brand, OLD.colour, OLD.valid_from,
           OLD.valid_to, OLD.recorded_at, OLD.recorded_seq) THEN
        RAISE EXCEPTION 'vehicle_registration keeps its history: a version may only be marked superseded, once';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER vehicle_registration_history BEFORE UPDATE OR DELETE ON vehicle_registration
    FOR EACH ROW EXECUTE FUNCTION vehicle_registration_keep_history();
