-- Cases (办件), their tasks (分办任务), the audit log, the transactional outbox and idempotency records.
-- A case's state changes follow DESIGN.md's rule: row loaded FOR UPDATE, machine restored, event processed,
-- new state + audit + outbox written in the same transaction.
CREATE TABLE case_sequences (
    region_code text NOT NULL,
    day         date NOT NULL,
    last        integer NOT NULL,
    PRIMARY KEY (region_code, day)
);

CREATE TABLE cases (
    id               bigserial PRIMARY KEY,
    number           text NOT NULL UNIQUE,
    bundle_code      text NOT NULL,
    catalog_version  integer NOT NULL REFERENCES catalog_versions (id),
    state            text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('window', 'online', 'app', 'kiosk')),
    region_code      text NOT NULL,
    hall_code        text,
    window_code      text,
    clerk_id         bigint REFERENCES users (id),
    applicant        jsonb NOT NULL,     -- {kind, name, id_number | credit_code, credit_code_override}
    phone            text NOT NULL,
    attributes       jsonb NOT NULL DEFAULT '{}',
    materials        jsonb NOT NULL DEFAULT '[]',   -- presented: [{id, form, elicense}]
    decision         jsonb NOT NULL DEFAULT '{}',   -- the last window decision: missing list, reason, legal basis
    deferred         jsonb NOT NULL DEFAULT '[]',
    skipped_steps    jsonb NOT NULL DEFAULT '[]',
    committed_clock  jsonb,
    statutory_clock  jsonb,
    committed_due_at timestamptz,
    statutory_due_at timestamptz,
    visits           integer NOT NULL DEFAULT 0,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    accepted_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_window_day_idx ON cases (hall_code, window_code, created_at, id);
CREATE INDEX cases_region_state_idx ON cases (region_code, state, id);

CREATE TABLE tasks (
    id                bigserial PRIMARY KEY,
    case_id           bigint NOT NULL REFERENCES cases (id),
    step              text NOT NULL,
    department_code   text NOT NULL,
    push              boolean NOT NULL,
    after_steps       jsonb NOT NULL DEFAULT '[]',
    budget_minutes    integer NOT NULL,
    state             text NOT NULL,
    clock             jsonb,
    special_procedure text,
    due_at            timestamptz,
    version           integer NOT NULL DEFAULT 1,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (case_id, step)
);
CREATE INDEX tasks_department_state_idx ON tasks (department_code, state, due_at);

CREATE TABLE case_audit (
    id         bigserial PRIMARY KEY,
    case_id    bigint NOT NULL REFERENCES cases (id),
    entity     text NOT NULL,      -- 'case' or a step id
    event      text NOT NULL,
    from_state text NOT NULL,
    to_state   text NOT NULL,
    actor      text NOT NULL,
    at         timestamptz NOT NULL,
    detail     text NOT NULL DEFAULT ''
);
CREATE INDEX case_audit_case_idx ON case_audit (case_id, id);

CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    step            text NOT NULL,
    department_code text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('dispatch', 'cancel')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    done_at         timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE done_at IS NULL;

CREATE TABLE idempotency_keys (
    actor         text NOT NULL,
    key           text NOT NULL,
    request_hash  text NOT NULL,
    status        integer NOT NULL,
    response      text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
);
