-- An alert is unique per clock and kind only while it is open. An alert that no longer holds is resolved —
-- a re-dispatched task's dispatch_failed; a warning or an overdue whose instant an extension (or a calendar
-- correction) moved into the future — and the same clock may then raise that kind again when it next applies.
ALTER TABLE alerts DROP CONSTRAINT alerts_case_id_clock_kind_key;
CREATE UNIQUE INDEX alerts_open_once ON alerts (case_id, clock, kind) WHERE resolved_at IS NULL;
