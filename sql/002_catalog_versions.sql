-- Catalog versions: each load that changes anything stores the whole catalog's YAML documents as a new
-- version. A case keeps the version it was accepted under, so changing a guide never changes a running case.
CREATE TABLE catalog_versions (
    id         serial PRIMARY KEY,
    checksum   text NOT NULL,          -- SHA-256 of the parsed catalog's canonical JSON
    documents  jsonb NOT NULL,         -- {"bundles.yaml": "<text>", …}
    summary    jsonb NOT NULL,         -- counts and the changes against the previous version
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    loaded_by  text NOT NULL
);
