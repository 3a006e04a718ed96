-- A department's open 补正 request on its task (issue 17): the materials it asks for, why, since when and by
-- which date, so the clerk, the notice and the applicant's page can say what to bring. JSON written by the
-- platform ({"materials": [...], "reason": "...", "since": "...", "due_date": "YYYY-MM-DD"}); NULL when none is open.
ALTER TABLE tasks ADD COLUMN supplement jsonb;
