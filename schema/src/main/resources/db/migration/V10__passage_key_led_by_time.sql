-- Raw passages arrive in time order with random ids: a primary key led by the id put every insert on a random page
-- of its index (measured: about 7 µs more database CPU per passage than the same key led by time, whose inserts
-- land on the index's last pages). The key stays the same pair, so replays still find their rows.
ALTER TABLE vehicle_passage DROP CONSTRAINT vehicle_passage_pkey;
ALTER TABLE vehicle_passage ADD PRIMARY KEY (time, event_id);
-- TimescaleDB's default time index of the hypertable now repeats the key's leading column: one index fewer to fill.
DROP INDEX IF EXISTS vehicle_passage_time_idx;
