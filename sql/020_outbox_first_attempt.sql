-- A push is given up `retry_minutes` after its first attempt (issue 22), not after it was queued: a row that
-- waited unclaimed (its department had no URL yet, no dispatcher ran) gets its whole window once tried.
-- Rows already tried count from when they were queued (their first attempt was not recorded).
ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz;
UPDATE outbox SET first_attempt_at = created_at WHERE attempts > 0 AND done_at IS NULL;
