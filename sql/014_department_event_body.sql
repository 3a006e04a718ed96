-- A department callback's event id names one event: the SHA-256 of the body first applied under it is kept, so
-- that the same id sent again with a different body is refused (422 event_id_reused) instead of silently
-- answered with the first result. Rows from before this migration have no hash and are replayed as before.
ALTER TABLE department_events ADD COLUMN body_sha256 text;
