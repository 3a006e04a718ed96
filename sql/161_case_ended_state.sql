-- The state a case ended in (办结, 不予受理, 不予许可, 撤回, 撤销), kept when the archive pass then moves it to
-- Archived (issue 20: every ended case is archived), so that the reform's rates still count a refused or
-- withdrawn case as such after it is archived. Set by the database on every write that ends a case; rows
-- archived before this migration take it from their archive audit row.
ALTER TABLE cases ADD COLUMN ended_state text;

CREATE FUNCTION keep_ended_state() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.state IN ('Concluded', 'NotPermitted', 'Refused', 'Revoked', 'Withdrawn') THEN
        NEW.ended_state := NEW.state;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_keep_ended_state BEFORE INSERT OR UPDATE OF state ON cases
    FOR EACH ROW EXECUTE FUNCTION keep_ended_state();

UPDATE cases SET ended_state = state WHERE state IN ('Concluded', 'NotPermitted', 'Refused', 'Revoked', 'Withdrawn');
UPDATE cases c SET ended_state = (SELECT a.from_state FROM case_audit a
                                  WHERE a.case_id = c.id AND a.entity = 'case' AND a.event = 'archive'
                                  ORDER BY a.id DESC LIMIT 1)
    WHERE c.state = 'Archived';
