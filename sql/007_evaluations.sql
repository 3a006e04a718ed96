-- 好差评: one rating per concluded case by the applicant (1 非常不满意 … 5 非常满意), revisable once (追评).
CREATE TABLE evaluations (
    case_id      bigint PRIMARY KEY REFERENCES cases (id),
    score        integer NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    rated_at     timestamptz NOT NULL,
    revised      boolean NOT NULL DEFAULT false,
    first_score  integer NOT NULL CHECK (first_score BETWEEN 1 AND 5),
    revised_at   timestamptz
);
CREATE INDEX cases_accepted_idx ON cases (region_code, accepted_at);
CREATE INDEX cases_concluded_idx ON cases (region_code, concluded_at) WHERE concluded_at IS NOT NULL;
