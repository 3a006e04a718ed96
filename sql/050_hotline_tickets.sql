-- 12345 hotline tickets (issue 18): complaints, consultations, requests for help and suggestions the city's
-- 12345 hotline passes on, signed like department callbacks. One row per hotline ticket id (a repeat is the
-- same ticket). The applicant is sealed like a case's (services/store/vault.hpp), with a blind index so
-- that a repeat complaint (same applicant, same subject, within 30 days) can be found without opening it.
-- Each ticket has a handling clock (3 working days unless configured); the timekeeper claims the tickets
-- whose next check has passed, as it does clock_checks, and raises their alerts in the alerts table.
CREATE TABLE hotline_tickets (
    id               bigserial PRIMARY KEY,
    hotline_id       text NOT NULL UNIQUE,   -- the hotline system's ticket id
    request_sha256   text NOT NULL,          -- of the first request body: the same id with another body is refused
    kind             text NOT NULL CHECK (kind IN ('complaint', 'consultation', 'help', 'suggestion')),
    subject          text NOT NULL,
    region_code      text NOT NULL,
    case_number      text,
    hall_code        text,
    window_code      text,
    department_code  text,
    clerk_id         bigint REFERENCES users (id),  -- the clerk who accepted the linked case
    pii_key          integer NOT NULL,
    applicant_sealed text NOT NULL,          -- {name, phone, id_number?} as JSON, sealed
    applicant_index  text NOT NULL,          -- blind index of the ID number, else of the phone
    received_at      timestamptz NOT NULL,
    warn_at          timestamptz,
    due_at           timestamptz NOT NULL,
    warned           boolean NOT NULL DEFAULT false,
    overdue          boolean NOT NULL DEFAULT false,
    next_check_at    timestamptz,            -- NULL once answered or every instant has fired
    answered_at      timestamptz,
    answered_by      text,
    answer           text,
    direct_answer    boolean,                -- 当场答复/直接答复, not passed on for handling
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hotline_tickets_next_idx ON hotline_tickets (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX hotline_tickets_region_idx ON hotline_tickets (region_code, received_at);
CREATE INDEX hotline_tickets_applicant_idx ON hotline_tickets (applicant_index, received_at);

-- An alert belongs to a case or to a hotline ticket.
ALTER TABLE alerts ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE alerts ADD COLUMN ticket_id bigint REFERENCES hotline_tickets (id);
ALTER TABLE alerts ADD CONSTRAINT alerts_case_or_ticket CHECK ((case_id IS NULL) <> (ticket_id IS NULL));
ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('warning', 'overdue', 'step_overdue',
    'dispatch_failed', 'deferral_overdue', 'followup_overdue', 'ticket_warning', 'ticket_overdue'));
CREATE UNIQUE INDEX alerts_ticket_open_once ON alerts (ticket_id, kind) WHERE resolved_at IS NULL AND ticket_id IS NOT NULL;
