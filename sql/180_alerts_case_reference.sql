-- A time-limit alert's case is no longer checked by a foreign key (issue 23: the check was ~11 µs per alert,
-- a fifth of a timekeeper pass). What guards the reference instead: every statement that writes an alert
-- of a case takes the case from `cases` in the same statement (alert_raise: INSERT … SELECT … FROM cases;
-- clock_checks_fire_and_raise: … JOIN cases, for clock_checks rows it holds locked, which reference their
-- case by their own foreign key), so an alert cannot name a case that does not exist; and a case is never
-- deleted nor its id changed (the platform's role has no DELETE on cases, sql/017; no statement updates
-- cases.id). The hotline ticket's foreign key stays (it costs ~2 µs: NULL on a case's alert).
ALTER TABLE alerts DROP CONSTRAINT alerts_case_id_fkey;
