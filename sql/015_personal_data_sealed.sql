-- Personal data sealed at rest (issue 15). Applicants' names, ID numbers or credit codes and phones are
-- written only sealed (XChaCha20-Poly1305 under a key outside the database; services/store/vault.hpp), with
-- the id of the sealing key beside them, and blind indexes (keyed BLAKE2b) for finding an applicant's cases.
-- Rows from before this migration keep their plain columns (pii_key 0) until `onewindow keys reseal` seals
-- them; new rows leave the plain columns NULL.
ALTER TABLE cases ALTER COLUMN applicant DROP NOT NULL, ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE cases ADD COLUMN applicant_sealed text, ADD COLUMN phone_sealed text,
    ADD COLUMN pii_key integer NOT NULL DEFAULT 0, ADD COLUMN holder_index text, ADD COLUMN phone_index text;
CREATE INDEX cases_holder_index_idx ON cases (holder_index) WHERE holder_index IS NOT NULL;
CREATE INDEX cases_phone_index_idx ON cases (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX cases_pii_key_idx ON cases (pii_key, id);

-- A replayed answer repeats the case view, personal data included: sealed the same way, and kept only for
-- idempotency.retention_hours (the periodic purge deletes older records).
ALTER TABLE idempotency_keys ALTER COLUMN response DROP NOT NULL;
ALTER TABLE idempotency_keys ADD COLUMN response_sealed text, ADD COLUMN pii_key integer NOT NULL DEFAULT 0;
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
CREATE INDEX idempotency_keys_pii_key_idx ON idempotency_keys (pii_key);

-- The oldest key a row may be sealed with. A rotation raises it once the new key is in the key file, so a
-- process still sealing with the retired key is refused (SQLSTATE OW001: it reloads its keys and retries)
-- and the rotation's re-sealing pass can finish with no row left behind.
CREATE TABLE personal_data_key_floor (
    floor integer NOT NULL,
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row)
);
INSERT INTO personal_data_key_floor (floor) VALUES (0);

-- A row that writes personal data (sealed, or plain as before this migration) must be sealed with a key at or
-- above the floor; once any key is in force (floor ≥ 1) nothing plain is accepted. Erasing (NULLs) is always
-- allowed. The floor itself only ever rises. search_path is pinned: a session's temporary tables cannot
-- stand in for the floor.
CREATE FUNCTION refuse_retired_key() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    writes boolean;
BEGIN
    IF TG_TABLE_NAME = 'cases' THEN
        writes := NEW.applicant_sealed IS NOT NULL OR NEW.phone_sealed IS NOT NULL
                  OR NEW.applicant IS NOT NULL OR NEW.phone IS NOT NULL;
    ELSE
        writes := NEW.response_sealed IS NOT NULL OR NEW.response IS NOT NULL;
    END IF;
    IF writes AND NEW.pii_key < (SELECT floor FROM personal_data_key_floor) THEN
        RAISE EXCEPTION 'personal data sealed with retired key %', NEW.pii_key USING ERRCODE = 'OW001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER cases_refuse_retired_key
    BEFORE INSERT OR UPDATE OF pii_key, applicant_sealed, phone_sealed, applicant, phone
    ON cases FOR EACH ROW EXECUTE FUNCTION refuse_retired_key();
CREATE TRIGGER idempotency_refuse_retired_key BEFORE INSERT OR UPDATE OF pii_key, response_sealed, response
    ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION refuse_retired_key();

CREATE FUNCTION key_floor_only_rises() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.floor < OLD.floor THEN
        RAISE EXCEPTION 'the personal-data key floor only rises (% → %)', OLD.floor, NEW.floor;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER key_floor_only_rises BEFORE UPDATE ON personal_data_key_floor
    FOR EACH ROW EXECUTE FUNCTION key_floor_only_rises();
