-- Issue 21: when a push's lease may be taken over after PostgreSQL came back. A lease that ran out while no
-- primary was writable is not taken over in the first lease period of the primary now answering: its holder,
-- if alive, settles a push it already delivered (or renews) first. pg_postmaster_start_time() covers a
-- restart, but a promoted replica has been running since long before it became the primary; its WAL timeline
-- is new, though, so the first claim on each timeline records when that timeline was first seen writable.
CREATE TABLE primary_epochs (
    timeline integer PRIMARY KEY,
    since timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON primary_epochs TO ow_app;

-- Since when this server has been the writable primary as far as leases are concerned: the later of its start
-- and the first claim seen on its current timeline (now(), for the claim that records it).
CREATE FUNCTION primary_writable_since() RETURNS timestamptz LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    tl integer := ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::integer;
    seen timestamptz;
BEGIN
    SELECT since INTO seen FROM primary_epochs WHERE timeline = tl;
    IF seen IS NULL THEN
        INSERT INTO primary_epochs (timeline) VALUES (tl) ON CONFLICT (timeline) DO NOTHING;
        seen := now();
    END IF;
    RETURN greatest(seen, pg_postmaster_start_time());
END
$$;

-- The timeline the platform is installed (or upgraded) on has been writable all along: only a promotion's new
-- timeline holds takeovers back (else the first claim of a fresh database would wait a lease period too).
INSERT INTO primary_epochs (timeline, since)
VALUES (('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::integer, '-infinity');
