-- 12345 tickets' sealed applicant under the personal-data rules of issue 15: the key floor refuses a ticket
-- sealed with a retired key (SQLSTATE OW001, as for cases), and the retention purge may erase a ticket's
-- applicant (sealed value and blind index) once the ticket has been answered long enough ago.
ALTER TABLE hotline_tickets ALTER COLUMN applicant_sealed DROP NOT NULL;
ALTER TABLE hotline_tickets ALTER COLUMN applicant_index DROP NOT NULL;
CREATE INDEX hotline_tickets_pii_key_idx ON hotline_tickets (pii_key) WHERE applicant_sealed IS NOT NULL;

-- The retired-key rule of sql/015 for any table whose sealed column (the trigger's argument) sits beside a
-- pii_key column; erasing (NULL) is allowed. Here for hotline_tickets; later tables can reuse it.
CREATE FUNCTION refuse_retired_sealed_column() RETURNS trigger LANGUAGE plpgsql
    SET search_path = public, pg_temp AS $$
BEGIN
    IF to_jsonb(NEW) ->> TG_ARGV[0] IS NOT NULL AND NEW.pii_key < (SELECT floor FROM personal_data_key_floor) THEN
        RAISE EXCEPTION 'personal data sealed with retired key %', NEW.pii_key USING ERRCODE = 'OW001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER hotline_tickets_refuse_retired_key BEFORE INSERT OR UPDATE OF pii_key, applicant_sealed
    ON hotline_tickets FOR EACH ROW EXECUTE FUNCTION refuse_retired_sealed_column('applicant_sealed');
