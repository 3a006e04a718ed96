-- Electronic archive (电子归档, issue 20): every case that ended in a state the case machine archives from —
-- 办结 (Concluded), 不予受理 (Refused), 不予许可 (NotPermitted), 撤回 (Withdrawn), 撤销 (Revoked) — waits for its
-- package, oldest ended first; sql/121's index covered concluded cases only. Once archived a case leaves it.
DROP INDEX IF EXISTS cases_awaiting_archive_idx;
CREATE INDEX cases_awaiting_archive_idx ON cases (ended_at, id)
    WHERE state IN ('Concluded', 'NotPermitted', 'Refused', 'Revoked', 'Withdrawn');
