-- The applicant's choice of how the result reaches them (issue 20): 邮寄 (post, 双向快递), 电子送达 (electronic) or
-- 窗口领取 (window), made at submission or later until the result is handed over. The delivery itself stays where
-- the clerk records it (cases.delivery, with the tracking number). A posting address is personal data: the
-- recipient, phone and address are sealed together by the vault (bound to the case number), under the retired-key
-- rule of sql/015 (the reusable trigger function of sql/055), and erased with the case's other personal data by
-- the retention purge (NULL).
CREATE TABLE delivery_choices (
    case_id         bigint PRIMARY KEY REFERENCES cases (id),
    method          text NOT NULL CHECK (method IN ('window', 'post', 'electronic')),
    address_sealed  text,
    pii_key         integer NOT NULL DEFAULT 0,
    chosen_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_choices_pii_key_idx ON delivery_choices (pii_key) WHERE address_sealed IS NOT NULL;
CREATE TRIGGER delivery_choices_refuse_retired_key BEFORE INSERT OR UPDATE OF pii_key, address_sealed
    ON delivery_choices FOR EACH ROW EXECUTE FUNCTION refuse_retired_sealed_column('address_sealed');
