-- Inspection findings (issue 18) that the weekly bulletin (每周通报) reports on their own cycles: hall patrols
-- (大厅巡查, Thursdays), district self-checks (区县自查, Fridays) and service-guide consistency checks
-- (办事指南一致性检查, Wednesdays). A supervisor records each against a hall, a window or a department.
CREATE TABLE inspection_findings (
    id              bigserial PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('hall_patrol', 'district_self_check', 'guide_consistency')),
    region_code     text NOT NULL,
    hall_code       text,
    window_code     text,
    department_code text,
    inspected_on    date NOT NULL,
    finding         text NOT NULL,
    rectification   text NOT NULL DEFAULT '',   -- what is asked of them
    recorded_by     text NOT NULL,
    recorded_at     timestamptz NOT NULL,
    CHECK (hall_code IS NOT NULL OR department_code IS NOT NULL),
    CHECK (window_code IS NULL OR hall_code IS NOT NULL)
);
CREATE INDEX inspection_findings_region_idx ON inspection_findings (region_code, kind, inspected_on);
