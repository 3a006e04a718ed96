-- The cases whose e-licence documents the library did not give at intake, for the background retry
-- (acceptance/licence_document_retry.hpp): few, so a partial index over exactly them.
CREATE INDEX cases_licence_documents_missing_idx ON cases (id)
    WHERE materials @> '[{"licence_document": "not_obtained"}]' AND state <> 'Archived';
