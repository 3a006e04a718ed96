-- Who read a case's personal data unmasked (ID number, name, phone), when and through which route; read by
-- auditors (GET /api/v1/pii-access). The rows name the reader and the case, never the personal data itself.
-- Also: the new `auditor` role, which reads this log and nothing of the cases.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('clerk', 'approver', 'supervisor', 'admin', 'auditor'));

CREATE TABLE pii_access (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint NOT NULL REFERENCES users (id),
    actor_login text NOT NULL,
    actor_role  text NOT NULL,
    case_number text NOT NULL REFERENCES cases (number),
    route       text NOT NULL,   -- "GET /api/v1/cases/{number}": the route pattern, never the filled-in path
    request_id  text NOT NULL
);
CREATE INDEX pii_access_case_idx ON pii_access (case_number, id);
CREATE INDEX pii_access_actor_idx ON pii_access (actor_login, id);
