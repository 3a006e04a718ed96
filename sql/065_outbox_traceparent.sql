-- The W3C trace context (traceparent header) of the request that queued each outbox row, so that the push to
-- the department continues that trace (issue 21). NULL for rows queued before this migration or by work
-- without a trace.
ALTER TABLE outbox ADD COLUMN traceparent text
    CHECK (traceparent IS NULL OR traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
