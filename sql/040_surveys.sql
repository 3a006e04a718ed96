-- Callbacks and surveys (issue 18): the role `surveyor` (回访员), corrections of the sampling frame's contact
-- data, the weekly callback draws (stratified, seeded), the sampled applicants and each call's answer; a
-- follow-up (整改) is opened by a bad rating or by a dissatisfied callback answer.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('clerk', 'approver', 'supervisor', 'admin', 'auditor', 'surveyor'));

-- A corrected contact (name and phone) of an ended application, for the frame and the callbacks: sealed like
-- the case's own personal data (JSON {"name", "phone"} under the vault's key `pii_key`, bound to the case
-- number), with who corrected it, when and why. The newest correction of a case is the one in force.
CREATE TABLE contact_corrections (
    id              bigserial PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    at              timestamptz NOT NULL,
    actor_id        bigint NOT NULL REFERENCES users (id),
    actor_login     text NOT NULL,
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    contact_sealed  text,
    pii_key         integer NOT NULL
);
CREATE INDEX contact_corrections_case_idx ON contact_corrections (case_id, id);

-- The retired-key rule of sql/015 for corrections too (NULL: erased by retention).
CREATE FUNCTION refuse_retired_contact_key() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.contact_sealed IS NOT NULL AND NEW.pii_key < (SELECT floor FROM personal_data_key_floor) THEN
        RAISE EXCEPTION 'personal data sealed with retired key %', NEW.pii_key USING ERRCODE = 'OW001';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER contact_corrections_refuse_retired_key BEFORE INSERT OR UPDATE OF pii_key, contact_sealed
    ON contact_corrections FOR EACH ROW EXECUTE FUNCTION refuse_retired_contact_key();

-- One weekly draw: the population (applications ended in the ISO week within region_prefix), the wanted size,
-- the minimum per stratum and the seed (decimal text of an unsigned 64-bit number), so the draw can be redone.
CREATE TABLE callback_draws (
    id            bigserial PRIMARY KEY,
    region_prefix text NOT NULL,
    week          text NOT NULL,          -- 2026-W48
    week_monday   date NOT NULL,
    sample_size   integer NOT NULL CHECK (sample_size BETWEEN 1 AND 10000),
    minimum       integer NOT NULL CHECK (minimum BETWEEN 0 AND 100),
    seed          text NOT NULL,
    population    integer NOT NULL,
    caller_login  text NOT NULL,          -- the surveyor who calls this draw's applicants
    drawn_by      text NOT NULL,
    drawn_at      timestamptz NOT NULL
);
CREATE INDEX callback_draws_week_idx ON callback_draws (week_monday, region_prefix);

-- A sampled application: its stratum (district × bundle) with the stratum's population N_h and sample a_h
-- (design weight N_h / a_h), and where its calls stand.
CREATE TABLE callback_entries (
    id                 bigserial PRIMARY KEY,
    draw_id            bigint NOT NULL REFERENCES callback_draws (id),
    case_id            bigint NOT NULL REFERENCES cases (id),
    position           integer NOT NULL,
    district           text NOT NULL,
    bundle_code        text NOT NULL,
    stratum_population integer NOT NULL,
    stratum_sample     integer NOT NULL,
    status             text NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'retry', 'reached', 'refused', 'unreachable')),
    UNIQUE (draw_id, case_id)
);
CREATE INDEX callback_entries_status_idx ON callback_entries (status, draw_id);

-- Each call: not reached (retried on another day, at most 3 calls), refused, or reached with the answers.
CREATE TABLE callback_attempts (
    id            bigserial PRIMARY KEY,
    entry_id      bigint NOT NULL REFERENCES callback_entries (id),
    at            timestamptz NOT NULL,
    caller_login  text NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('reached', 'not_reached', 'refused')),
    trips         integer CHECK (trips BETWEEN 0 AND 3),           -- 3 stands for 3 or more
    satisfaction  text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
    comment       text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    problems      jsonb NOT NULL DEFAULT '[]',
    CHECK ((outcome = 'reached') = (trips IS NOT NULL AND satisfaction IS NOT NULL))
);
CREATE INDEX callback_attempts_entry_idx ON callback_attempts (entry_id, id);
CREATE INDEX callback_attempts_at_idx ON callback_attempts (at);

-- Whether a follow-up was opened by the applicant's rating or by a dissatisfied callback answer.
ALTER TABLE followups ADD COLUMN source text NOT NULL DEFAULT 'rating' CHECK (source IN ('rating', 'survey'));
