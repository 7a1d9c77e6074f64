-- The reading node's verdict on each plate read: below its configured confidence a human must check the plate,
-- and such a case is never merged with another (null: read by a node that did not say).
ALTER TABLE violation_case ADD COLUMN plate_needs_check boolean;
