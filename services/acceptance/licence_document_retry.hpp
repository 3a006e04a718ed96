// The background retry of e-licence documents (licence_documents.hpp): a case taken while the library gave no
// document for a verified material (licence_document not_obtained) is visited again by the timekeeper role every
// elicense.document_retry_seconds, round-robin over such cases so that none waits behind documents the library
// never gives. For each, the licence is looked up and its document fetched — network calls, before any lock —
// then the case is locked briefly, the documents kept as its materials' files and the materials marked obtained.
// Archived cases are left alone (their package is sealed).
#pragma once

#include <cstdint>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/licence_documents.hpp"
#include "services/casework/case_runner.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::acceptance {

class LicenceDocumentRetry {
 public:
  LicenceDocumentRetry(store::PgPool& pool, const casework::CaseRunner& runner, const adapters::ELicenseLookup& library,
                       LicenceDocumentFiles& files)
      : pool_(pool), runner_(runner), library_(library), files_(files) {}

  // Visits up to `limit` such cases after the last one visited (from the first again at the end); returns how
  // many documents were kept. Stops early while the library does not answer.
  int pass(int limit = 20);

 private:
  // The case's documents still missing, fetched and kept; false when the library did not answer.
  bool retry(const std::string& number, int& kept);
  store::PgPool& pool_;
  const casework::CaseRunner& runner_;
  const adapters::ELicenseLookup& library_;
  LicenceDocumentFiles& files_;
  std::int64_t after_ = 0;  // the last case visited
};

}  // namespace ow::acceptance
