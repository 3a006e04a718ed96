-- An intake's idempotency look-up in one round trip (issue 23): take the key's advisory lock (held until the
-- transaction ends), then read the kept answer. The read is a statement of its own inside this VOLATILE
-- function, so under READ COMMITTED it takes its snapshot AFTER the lock was granted and sees an answer a
-- concurrent request with the same key committed while we waited — exactly as the two statements it
-- replaces (idempotency_lock, then idempotency_find) did.
CREATE FUNCTION idempotency_take(p_actor text, p_key text)
    RETURNS TABLE (request_hash text, status integer, response text, response_sealed text, pii_key integer)
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_actor || '/' || p_key, 0));
    RETURN QUERY
        SELECT i.request_hash, i.status, i.response, i.response_sealed, i.pii_key
        FROM idempotency_keys i WHERE i.actor = p_actor AND i.key = p_key;
END $$;
