-- Extension requests (延期申请): an approver holding a task asks for more working days with a reason; a
-- supervisor whose region covers the case grants or refuses it in their own session. Only a grant moves the
-- clocks (and counts towards backoffice.extension_allowance_days); both steps are also in case_audit.
CREATE TABLE extension_requests (
    id              bigserial PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    task_id         bigint NOT NULL REFERENCES tasks (id),
    working_days    integer NOT NULL CHECK (working_days >= 1),
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    requested_by    bigint NOT NULL REFERENCES users (id),
    requested_at    timestamptz NOT NULL,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'granted', 'refused')),
    decided_by      bigint REFERENCES users (id),
    decided_at      timestamptz,
    refusal_reason  text,
    CHECK ((state = 'pending') = (decided_at IS NULL)),
    CHECK (state <> 'refused' OR length(refusal_reason) > 0)
);
-- One open request per task at a time.
CREATE UNIQUE INDEX extension_requests_one_pending_idx ON extension_requests (task_id) WHERE state = 'pending';
CREATE INDEX extension_requests_state_idx ON extension_requests (state, id);
CREATE INDEX extension_requests_requester_idx ON extension_requests (requested_by, id);
