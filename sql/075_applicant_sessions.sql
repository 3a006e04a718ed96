-- Applicants' sessions (issue 20): a resident or an enterprise's agent signed in through the identity provider
-- (OpenID Connect). Separate from staff sessions: their own table and cookie, no user row. The token is stored
-- only as its SHA-256; who signed in as the blind indexes of their verified ID number and company credit code
-- (to find their own cases) and their identity sealed by the personal-data vault (context
-- "applicant_sessions.identity:<id>"), never in clear.
CREATE TABLE applicant_sessions (
    id             bigserial PRIMARY KEY,
    token_hash     bytea NOT NULL UNIQUE,
    subject        text NOT NULL,                 -- the provider's sub
    kind           text NOT NULL CHECK (kind IN ('resident', 'enterprise_agent')),
    holder_index   text NOT NULL,
    company_index  text NOT NULL DEFAULT '',
    identity       text NOT NULL,                 -- sealed JSON: name, id_number, phone, company, credit_code
    identity_key   integer NOT NULL,
    kiosk          boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz
);
CREATE INDEX applicant_sessions_expiry_idx ON applicant_sessions (expires_at) WHERE revoked_at IS NULL;
