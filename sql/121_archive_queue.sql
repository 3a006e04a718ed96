-- Electronic archive (电子归档, issue 20): the timekeeper's archive pass looks for cases concluded at least
-- archive.after_seconds ago that have no package yet, oldest first; once archived a case leaves the index.
CREATE INDEX cases_awaiting_archive_idx ON cases (concluded_at, id) WHERE state = 'Concluded';
