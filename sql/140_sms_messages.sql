-- SMS notices to applicants (issue 20): each message is written with the case decision that caused it (受理,
-- 补正, 办结可领取, 送达, 回访) in the same transaction, and this table is also its durable queue: the dispatcher
-- role's SMS sender claims due rows under a lease, posts them to the gateway and records the answer; a gateway
-- outage only moves next_attempt_at. The phone itself is not kept here: the sender opens the case's sealed
-- contact phone at send time; the row holds only its mask (138****5678) and the text (never an ID number).
CREATE TABLE sms_messages (
    id              bigserial PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    kind            text NOT NULL CHECK (kind IN ('accepted', 'supplement', 'result_ready', 'delivered', 'followup')),
    phone_masked    text NOT NULL,
    text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    leased_by       text,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX sms_messages_due_idx ON sms_messages (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX sms_messages_case_idx ON sms_messages (case_id, id);
