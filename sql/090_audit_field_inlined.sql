-- The audit chain's field function (sql/016) is declared STABLE, like convert_to() inside it, so that
-- PostgreSQL inlines it into the trigger's expression. Declared IMMUTABLE it was not inlinable (it calls a
-- STABLE function) and ran as nine separate SQL-function calls per audit row, about half a millisecond of
-- every row inserted (issue 23: pg_stat_statements during dispatch). The hash is computed exactly as before.
CREATE OR REPLACE FUNCTION audit_field(t text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT octet_length(convert_to(t, 'UTF8'))::text || ':' || t
$$;
