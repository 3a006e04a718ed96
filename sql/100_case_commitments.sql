-- 告知承诺制 (issue 19): the commitments a case was accepted with — which item, which proofs the signed
-- 告知承诺书 stood in for, the 核查's limit and its outcome (confirmed, or false: the result revoked).
-- [{item, step, replaces: [material ids], verify_within: "20wd", outcome: "" | "confirmed" | "false", reason}]
ALTER TABLE cases ADD COLUMN commitments jsonb NOT NULL DEFAULT '[]';
