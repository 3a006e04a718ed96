// E-licence materials as documents (issue 20): a material the library verified at intake is not just ticked — the
// licence's document is fetched from the library before the case's transaction (a network call, never under a row
// lock) and kept as the material's file inside it (source 电子证照库), so the approver sees it and every push links
// it like an upload. A document the library did not give is marked on the case's material (未能调取); the next
// decision on the case (pre-review, or after 补正) asks for it again.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/acceptance/intake_checks.hpp"
#include "services/casework/case_repository.hpp"

namespace ow::acceptance {

struct LicenceDocument {
  std::string material;   // the catalog's material id
  std::string file_name;  // 居民户口簿（电子证照）.pdf
  adapters::ELicenseDocument document;
};

struct FetchedLicenceDocuments {
  std::vector<LicenceDocument> obtained;
  std::set<std::string> not_obtained;  // materials verified whose document the library did not give
};

// Fetches the document of every verified licence whose material is not in `held` (already holding one). A
// document that is not a PDF of at most max_bytes is not obtained; after one unanswered fetch the rest are not
// asked (the library is away).
FetchedLicenceDocuments fetch_licence_documents(const adapters::ELicenseLookup& library,
                                                const std::vector<VerifiedLicence>& licences,
                                                const std::set<std::string>& held, std::int64_t max_bytes);

// Marks each e-licence material of `received` with its document: "obtained" (fetched now or held before) or
// "not_obtained".
void mark_licence_documents(std::vector<PresentedMaterial>& received, const FetchedLicenceDocuments& fetched,
                            const std::set<std::string>& held);

// Where the documents are kept: inside the case's own transaction.
class LicenceDocumentFiles {
 public:
  virtual ~LicenceDocumentFiles() = default;
  // The case's materials that hold a library document already.
  virtual std::set<std::string> held(casework::CaseTransaction& tx, const std::string& number) = 0;
  // Stores each document once (by SHA-256) as its material's file; a material holding one already keeps it.
  virtual void keep(casework::CaseTransaction& tx, const std::string& number,
                    const std::vector<LicenceDocument>& documents) = 0;
  virtual std::int64_t max_bytes() const = 0;
};

}  // namespace ow::acceptance
