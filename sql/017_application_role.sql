-- Least privilege (issue 15). Migrations run as the database's owner role; the platform connects as the
-- application role `ow_app` (created by ops/pg, or by the operator), which may read and write the rows it
-- works with and nothing more: no DDL (it owns nothing and may create nothing), no TRUNCATE, DELETE only on
-- expired idempotency records, and on the audit trail, its anchors and the personal-data access log only
-- INSERT and SELECT — the evidence of a dispute cannot be edited through the platform's connection. Tables created by later
-- migrations get the same rights by default. Without an `ow_app` role (a deployment that names its roles
-- differently: create `ow_app` NOLOGIN and grant it to the platform's login role) nothing is granted here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ow_app') THEN
        RAISE NOTICE 'no role ow_app: grants to the application role skipped';
        RETURN;
    END IF;
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;  -- PostgreSQL 15's default; not so on older or managed clusters
    GRANT USAGE ON SCHEMA public TO ow_app;
    GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ow_app;
    GRANT DELETE ON idempotency_keys TO ow_app;  -- the expiry purge; nothing else is ever deleted
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ow_app;
    -- The evidence: who did what to a case, its anchors, and who read personal data unmasked.
    REVOKE UPDATE ON case_audit, audit_anchors, pii_access FROM ow_app;
    REVOKE INSERT ON personal_data_key_floor FROM ow_app;  -- one row, raised by rotation, never lowered
    REVOKE INSERT, UPDATE ON schema_migrations FROM ow_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO ow_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ow_app;
END $$;
