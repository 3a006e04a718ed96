-- Which keys the rows were sealed with (issue 15): a fingerprint (keyed BLAKE2b of the key, never the key) per
-- key id, and one for the blind-index key (id 0). The platform and `onewindow keys` compare the key file with
-- them before using it: a wrong or regenerated key file (a restored backup of another hall, `keys init` after a
-- lost file) is refused before it seals anything the real keys cannot open, or mistakes every look-up.
CREATE TABLE personal_data_key_fingerprints (
    key_id      integer PRIMARY KEY,
    fingerprint text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
