-- Supervision orders (督办): a supervisor orders a department to act on a case by a date; the department's
-- reply closes it. Its due instant is a clock ('order:<id>') checked by the timekeeper.
CREATE TABLE supervision_orders (
    id              bigserial PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    department_code text NOT NULL,
    content         text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
    due_at          timestamptz NOT NULL,
    issued_by       text NOT NULL,
    issued_at       timestamptz NOT NULL,
    replied_by      text,
    replied_at      timestamptz,
    reply           text
);
CREATE INDEX supervision_orders_department_idx ON supervision_orders (department_code, id);
