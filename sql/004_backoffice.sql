-- Back-office work on tasks (who holds a task, what an approved step produced) and the window's delivery.
ALTER TABLE tasks ADD COLUMN assignee_id bigint REFERENCES users (id);
ALTER TABLE tasks ADD COLUMN result jsonb;       -- what an approved step produced: licence numbers, documents
ALTER TABLE tasks ADD COLUMN opinion text;       -- the approver's last opinion
ALTER TABLE cases ADD COLUMN delivery jsonb;     -- {method, tracking_number, at}
ALTER TABLE cases ADD COLUMN concluded_at timestamptz;
ALTER TABLE cases ADD COLUMN met_committed boolean;
ALTER TABLE cases ADD COLUMN met_statutory boolean;
ALTER TABLE cases ADD COLUMN extension_days integer NOT NULL DEFAULT 0;
CREATE INDEX tasks_assignee_idx ON tasks (assignee_id) WHERE assignee_id IS NOT NULL;
