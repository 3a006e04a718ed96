-- Supervision: every running clock's next check (the earlier of its warning and due instants not yet fired),
-- so the timekeeper's scan is an index range over due rows, and the alerts it raises — one per clock and
-- kind (the unique key makes a second timekeeper's attempt a no-op).
CREATE TABLE clock_checks (
    case_id         bigint NOT NULL REFERENCES cases (id),
    clock           text NOT NULL,          -- 'case.committed', 'case.statutory', 'task:<step>'
    region_code     text NOT NULL,
    department_code text,                   -- task clocks
    warn_at         timestamptz,            -- NULL while paused or stopped
    due_at          timestamptz,
    warned          boolean NOT NULL DEFAULT false,
    overdue         boolean NOT NULL DEFAULT false,
    next_check_at   timestamptz,
    PRIMARY KEY (case_id, clock)
);
CREATE INDEX clock_checks_next_idx ON clock_checks (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE alerts (
    id              bigserial PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    clock           text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('warning', 'overdue', 'step_overdue', 'dispatch_failed',
                                                  'deferral_overdue', 'followup_overdue')),
    level           text NOT NULL CHECK (level IN ('yellow', 'red')),
    region_code     text NOT NULL,
    department_code text,
    hall_code       text,
    window_code     text,
    raised_at       timestamptz NOT NULL,
    detail          text NOT NULL DEFAULT '',
    acknowledged_by text,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    UNIQUE (case_id, clock, kind)
);
CREATE INDEX alerts_region_idx ON alerts (region_code, id);
