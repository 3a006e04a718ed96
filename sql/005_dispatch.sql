-- Department dispatch: leases on outbox rows (a crashed dispatcher's claims expire and are taken over), the
-- last delivery error, a NOTIFY that wakes dispatchers when a row is written, and the callbacks already
-- applied (one per department and event id, with the answer given, so a repeat gets the same answer).
ALTER TABLE outbox ADD COLUMN lease_until timestamptz;
ALTER TABLE outbox ADD COLUMN leased_by text;
ALTER TABLE outbox ADD COLUMN last_error text;
ALTER TABLE outbox ADD COLUMN failed boolean NOT NULL DEFAULT false;

CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ow_outbox', NEW.department_code);
    RETURN NEW;
END
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_notify();

CREATE TABLE department_events (
    department_code text NOT NULL,
    event_id        text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 128),
    status          integer NOT NULL,
    response        text NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (department_code, event_id)
);
