// One retry pass over the cases whose e-licence documents are missing.
#include "services/acceptance/licence_document_retry.hpp"

#include <boost/json.hpp>

#include "services/store/case_store.hpp"
#include "workflow/catalog/guide.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;

// The ids of the materials marked not obtained in a case's recorded materials.
std::vector<std::string> not_obtained(const std::string& materials) {
  std::vector<std::string> out;
  const json::value all = json::parse(materials);
  for (const auto& m : all.as_array())
    if (const auto* d = m.as_object().if_contains("licence_document"); d && *d == "not_obtained")
      out.emplace_back(m.at("id").as_string());
  return out;
}

}  // namespace

int LicenceDocumentRetry::pass(int limit) {
  const auto due =
      pool_.transact([&](store::Tx& tx) { return store::cases::licence_documents_missing(tx, after_, limit); });
  after_ = static_cast<int>(due.size()) < limit ? 0 : due.back().first;
  int kept = 0;
  for (const auto& [id, number] : due)
    if (!retry(number, kept)) break;  // the library is away: the next pass
  return kept;
}

bool LicenceDocumentRetry::retry(const std::string& number, int& kept) {
  const auto key = casework::CaseKey::of_number(number);
  const auto seen = runner_.repository().in_transaction([&](casework::CaseTransaction& tx) { return tx.read(key); });
  if (!seen) return true;
  const auto loaded = runner_.version(seen->row.catalog_version);
  if (!loaded) return true;
  const auto bundle = loaded->catalog.bundles.find(seen->row.bundle_code);
  if (bundle == loaded->catalog.bundles.end()) return true;
  const auto guide = catalog::merged_guide(loaded->catalog, bundle->second, runner_.minutes_per_day());
  const std::string holder = licence_holder(applicant_from_json(seen->row.applicant));
  std::vector<VerifiedLicence> licences;
  for (const auto& id : not_obtained(seen->row.materials)) {
    const auto g =
        std::find_if(guide.materials.begin(), guide.materials.end(), [&](const auto& m) { return m.id == id; });
    if (g == guide.materials.end() || !g->elicense_type) continue;
    std::optional<adapters::ELicense> found;
    try {
      found = library_.find(*g->elicense_type, holder);
    } catch (const adapters::ELicenseUnavailable&) {
      return false;
    }
    if (found) licences.push_back({id, std::move(*found)});
  }
  const FetchedLicenceDocuments fetched = fetch_licence_documents(library_, licences, {}, files_.max_bytes());
  if (fetched.obtained.empty()) return true;
  runner_.repository().in_transaction([&](casework::CaseTransaction& tx) {
    auto file = tx.lock(key);
    if (!file || file->row.state == "Archived") return;
    files_.keep(tx, number, fetched.obtained);
    json::value materials = json::parse(file->row.materials);
    for (auto& m : materials.as_array())
      for (const auto& d : fetched.obtained)
        if (m.at("id").as_string() == d.material) m.as_object()["licence_document"] = "obtained";
    store::cases::set_materials(tx.store(), file->row.id, json::serialize(materials));
  });
  kept += static_cast<int>(fetched.obtained.size());
  return true;
}

}  // namespace ow::acceptance
