-- Where a material file came from (issue 20): uploaded (by the clerk or the applicant), or the licence's document
-- fetched from the e-licence library (电子证照库) at intake. A material holds at most one library document: the
-- intake that fetches it again (pre-review after 补正) adds nothing.
ALTER TABLE case_material_files
    ADD COLUMN source text NOT NULL DEFAULT 'upload' CHECK (source IN ('upload', 'elicense'));
CREATE UNIQUE INDEX case_material_files_licence_idx ON case_material_files (case_number, material)
    WHERE source = 'elicense';
