-- Follow-up of a bad rating (不满意 / 非常不满意): a callback (回访) due within 1 working day and a
-- rectification report (整改) due within 15 days, each closed by a supervisor with what was done; their
-- clocks are checked by the timekeeper like any other ('followup:callback', 'followup:rectification').
CREATE TABLE followups (
    case_id                bigint PRIMARY KEY REFERENCES cases (id),
    opened_at              timestamptz NOT NULL,
    callback_due_at        timestamptz NOT NULL,
    rectification_due_at   timestamptz NOT NULL,
    callback_at            timestamptz,
    callback_by            text,
    callback_note          text,
    rectification_at       timestamptz,
    rectification_by       text,
    rectification_report   text
);
