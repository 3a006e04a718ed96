-- Least privilege (issue 15). Migrations run as the database's owner role; the platform connects as the
-- application role `ow_app` (created by ops/pg, or by the operator), which may read and write the rows it
-- works with and nothing more: no DDL (it owns nothing, and PostgreSQL 15 gives no one CREATE on schema
-- public by default), no TRUNCATE, and on the audit trail and its anchors only INSERT and SELECT — the
-- evidence of a dispute cannot be edited through the platform's connection. Tables created by later
-- migrations get the same rights by default. Without an `ow_app` role (a deployment that names its roles
-- differently: create `ow_app` NOLOGIN and grant it to the platform's login role) nothing is granted here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ow_app') THEN
        RAISE NOTICE 'no role ow_app: grants to the application role skipped';
        RETURN;
    END IF;
    GRANT USAGE ON SCHEMA public TO ow_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ow_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ow_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON case_audit, audit_anchors FROM ow_app;
    REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ow_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ow_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ow_app;
END $$;
