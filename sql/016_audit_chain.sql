-- A tamper-evident audit trail (issue 15). Every case_audit row carries
--   hash = SHA-256(previous row's hash of the same case ‖ canonical row)
-- computed here, in the inserting transaction, so the chain is written with the state change it records.
-- The canonical row is each field as "<octet length>:<text>", in the order id, case_id, entity, event,
-- from_state, to_state, actor, at (UTC, microseconds, ISO 8601), detail, after the prefix "ow-audit-v1".
-- `onewindow audit verify` recomputes it (services/store/audit_chain.cpp) and names the first row that differs.
ALTER TABLE case_audit ADD COLUMN hash bytea;

CREATE FUNCTION audit_field(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT octet_length(convert_to(t, 'UTF8'))::text || ':' || t
$$;

CREATE FUNCTION audit_instant(at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

CREATE FUNCTION case_audit_chain() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    previous bytea;
BEGIN
    -- One writer per case at a time, and the row's id drawn after the lock: ids order the chain.
    PERFORM pg_advisory_xact_lock(1096, (NEW.case_id % 2147483647)::integer);
    NEW.id := nextval('case_audit_id_seq');
    SELECT hash INTO previous FROM case_audit WHERE case_id = NEW.case_id ORDER BY id DESC LIMIT 1;
    NEW.hash := sha256(coalesce(previous, ''::bytea) || convert_to('ow-audit-v1'
        || audit_field(NEW.id::text) || audit_field(NEW.case_id::text) || audit_field(NEW.entity)
        || audit_field(NEW.event) || audit_field(NEW.from_state) || audit_field(NEW.to_state)
        || audit_field(NEW.actor) || audit_field(audit_instant(NEW.at)) || audit_field(NEW.detail), 'UTF8'));
    RETURN NEW;
END $$;
CREATE TRIGGER case_audit_chain BEFORE INSERT ON case_audit FOR EACH ROW EXECUTE FUNCTION case_audit_chain();

-- Rows written before this migration get their chain now, in id order.
DO $$
DECLARE
    r record;
    previous bytea;
    last_case bigint := -1;
BEGIN
    FOR r IN SELECT * FROM case_audit ORDER BY case_id, id LOOP
        IF r.case_id <> last_case THEN previous := ''::bytea; last_case := r.case_id; END IF;
        previous := sha256(previous || convert_to('ow-audit-v1'
            || audit_field(r.id::text) || audit_field(r.case_id::text) || audit_field(r.entity)
            || audit_field(r.event) || audit_field(r.from_state) || audit_field(r.to_state)
            || audit_field(r.actor) || audit_field(audit_instant(r.at)) || audit_field(r.detail), 'UTF8'));
        UPDATE case_audit SET hash = previous WHERE id = r.id;
    END LOOP;
END $$;

-- The daily anchor: for a day (China Standard Time), the last hash that day of every case with audit rows
-- that day, folded into one root = SHA-256 of the lines "<case_id>:<hex hash>\n" in case order. Written once
-- a day (and to the log), only ever inserted: a chain rewritten after its anchor no longer matches it.
CREATE TABLE audit_anchors (
    day        date PRIMARY KEY,
    root       bytea NOT NULL,
    cases      integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (day < (created_at AT TIME ZONE 'Asia/Shanghai')::date)  -- only days that are over
);
CREATE INDEX case_audit_at_idx ON case_audit (at);
