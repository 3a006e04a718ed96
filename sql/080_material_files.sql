-- Materials as files (issue 20): the bytes of uploaded scans and photos, stored once per SHA-256 in chunk rows,
-- and which case's material each upload belongs to. Chunk rows rather than large objects: they are ordinary
-- rows (dumped, replicated and deleted with the table, no lo_unlink bookkeeping, no orphaned objects), and a
-- blob is read and written 256 KiB at a time without holding the whole file.
CREATE TABLE file_blobs (
    id          bigserial PRIMARY KEY,
    sha256      text UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),  -- NULL only while its chunks are being written
    size_bytes  bigint NOT NULL DEFAULT 0,
    media_type  text NOT NULL DEFAULT '',
    pages       integer,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE file_chunks (
    blob_id  bigint NOT NULL REFERENCES file_blobs (id) ON DELETE CASCADE,
    seq      integer NOT NULL,
    data     bytea NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

CREATE TABLE case_material_files (
    id           bigserial PRIMARY KEY,
    case_number  text NOT NULL REFERENCES cases (number),
    material     text NOT NULL,
    blob_id      bigint NOT NULL REFERENCES file_blobs (id),
    file_name    text NOT NULL,
    uploaded_by  bigint REFERENCES users (id),
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_material_files_case_idx ON case_material_files (case_number, id);

-- An upload writes its chunks before it knows its SHA-256; when the same bytes are already stored, its staged
-- blob is deleted in the same transaction (so the platform's role may delete blobs and their chunks).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'ow_app') THEN
        GRANT DELETE ON file_blobs, file_chunks TO ow_app;
    END IF;
END $$;
