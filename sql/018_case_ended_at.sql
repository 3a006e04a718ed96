-- When an application ended, whatever the outcome (办结, 不予受理, 不予许可, 撤回): the instant the reform's
-- rates count it in their denominators (issue 18). Concluded cases end when the result is handed over
-- (concluded_at); the others when they reached their state (updated_at is that instant for rows written before
-- this migration: nothing updates an ended case).
ALTER TABLE cases ADD COLUMN ended_at timestamptz;
UPDATE cases SET ended_at = COALESCE(concluded_at, updated_at)
    WHERE state IN ('Concluded', 'Refused', 'NotPermitted', 'Withdrawn', 'Archived');
CREATE INDEX cases_ended_idx ON cases (ended_at) WHERE ended_at IS NOT NULL;
