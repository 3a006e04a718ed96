-- The dispatcher asks, each round, which departments have a push due and claims the oldest due pushes of
-- one department: both walk this index (issue 23), so a round costs the departments, not the pushes waiting.
CREATE INDEX outbox_department_due_idx ON outbox (department_code, next_attempt_at, id) WHERE done_at IS NULL;
