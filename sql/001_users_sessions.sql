-- Users, login sessions and department API keys: the actors of every later table.
CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    login           text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
    role            text NOT NULL CHECK (role IN ('clerk', 'approver', 'supervisor', 'admin')),
    region_code     text NOT NULL CHECK (region_code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
    hall_code       text,
    window_code     text,
    department_code text,
    password_hash   text NOT NULL,
    disabled        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'clerk' OR (hall_code IS NOT NULL AND window_code IS NOT NULL)),
    CHECK (role <> 'approver' OR department_code IS NOT NULL)
);

-- A bearer token is stored only as its SHA-256.
CREATE TABLE sessions (
    token_hash  bytea PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    remote_addr text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

-- Department systems call back with a per-department API key, stored as its SHA-256.
CREATE TABLE api_keys (
    key_hash        bytea PRIMARY KEY,
    department_code text NOT NULL,
    label           text NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz
);
