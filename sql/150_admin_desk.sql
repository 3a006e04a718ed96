-- The admin's screens (issue 21): what operators did with `onewindow user|apikey|calendar`, also over the API.
-- API keys get an id to name them by (the key itself is only ever shown once, its hash is the primary key),
-- who issued and revoked them, and when each was last used (touched at most once a minute per key).
ALTER TABLE api_keys ADD COLUMN id bigserial UNIQUE;
ALTER TABLE api_keys ADD COLUMN created_by text NOT NULL DEFAULT 'cli';
ALTER TABLE api_keys ADD COLUMN revoked_by text;
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;

-- A new year's holiday file uploaded by an administrator (the files in config/calendar stay the base): each
-- upload is kept whole; for every year it lists, the newest upload replaces the files' rows of that year. Every
-- instance re-reads this table and adopts a newer upload without a restart.
CREATE TABLE calendar_uploads (
    id          bigserial PRIMARY KEY,
    years       integer[] NOT NULL,
    content     text NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    uploaded_by text NOT NULL
);

-- Who changed accounts, keys, the catalog or the calendar, and when: one row per change, from the API
-- (actor user:N) or the command line (actor cli). Never a password or a key, only what was done to whom.
CREATE TABLE admin_audit (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text NOT NULL,
    action  text NOT NULL,
    target  text NOT NULL,
    detail  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX admin_audit_at_idx ON admin_audit (at DESC);

-- Evidence, like case_audit: the platform may add and read, never edit.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'ow_app') THEN
        REVOKE UPDATE ON admin_audit FROM ow_app;
    END IF;
END $$;
