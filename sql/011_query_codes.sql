-- 查询码: the applicant's secret for the public progress lookup and the rating, issued when a case is accepted
-- (services/acceptance/query_code.hpp: 10 symbols of 34679ACDEFHJKMNPRTVWXY, about 44.6 bits) and printed
-- on the receipt.
--
-- Stored as it is, not as a hash: the clerk must be able to reprint the receipt with the same code, and a
-- keyed hash cannot be printed again. It lives in its own table, not in `cases`, so no staff view, list or
-- export that reads case rows can show it; only the receipt rendered for a clerk of the case's hall and the
-- public lookup read it. Guessing is bounded by the miss limits in Redis, not by the code's secrecy at rest
-- (the same database holds the applicants' full ID numbers).
CREATE TABLE case_query_codes (
    case_id    bigint PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    code       text NOT NULL CHECK (code ~ '^[34679ACDEFHJKMNPRTVWXY]{10}$'),
    issued_at  timestamptz NOT NULL DEFAULT now()
);

-- Cases accepted before this migration get a code too (their applicants get it on a reprinted receipt).
-- Randomness: gen_random_uuid() (core since PostgreSQL 13, pg_strong_random, no pgcrypto needed); a version-4
-- UUID has 122 random bits — bytes 0–5 and 9–15 are wholly random. One byte per symbol, modulo 22: symbols
-- 0–13 come up 12/256, the others 11/256, about 4.458 instead of 4.459 bits per symbol.
CREATE FUNCTION pg_temp.ow_backfill_query_code() RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(substr('34679ACDEFHJKMNPRTVWXY', 1 + get_byte(u.b, x.i) % 22, 1), '' ORDER BY x.n)
      FROM (SELECT decode(replace(gen_random_uuid()::text, '-', ''), 'hex') AS b) u,
           unnest(ARRAY[0, 1, 2, 3, 4, 5, 9, 10, 11, 12]) WITH ORDINALITY AS x(i, n)
$$;
INSERT INTO case_query_codes (case_id, code, issued_at)
SELECT id, pg_temp.ow_backfill_query_code(), now() FROM cases WHERE accepted_at IS NOT NULL;
DROP FUNCTION pg_temp.ow_backfill_query_code();
