// Fetching the verified licences' documents before the case's transaction, and marking the case's materials.
#include "services/acceptance/licence_documents.hpp"

#include "services/acceptance/file_type.hpp"

namespace ow::acceptance {

FetchedLicenceDocuments fetch_licence_documents(const adapters::ELicenseLookup& library,
                                                const std::vector<VerifiedLicence>& licences,
                                                const std::set<std::string>& held, std::int64_t max_bytes) {
  FetchedLicenceDocuments out;
  bool away = false;
  for (const auto& v : licences) {
    if (held.contains(v.material) || out.not_obtained.contains(v.material)) continue;
    if (std::any_of(out.obtained.begin(), out.obtained.end(), [&](const auto& d) { return d.material == v.material; }))
      continue;
    std::optional<adapters::ELicenseDocument> got;
    if (!away) {
      try {
        got = library.document(v.licence);
      } catch (const adapters::ELicenseUnavailable&) {
        away = true;  // one timeout is enough: the rest are asked for at the next decision
      }
    }
    if (!got || sniff_media_type(got->bytes) != std::optional<std::string>("application/pdf") || got->bytes.empty() ||
        static_cast<std::int64_t>(got->bytes.size()) > max_bytes) {
      out.not_obtained.insert(v.material);
      continue;
    }
    out.obtained.push_back({v.material, v.licence.type + "（电子证照）.pdf", std::move(*got)});
  }
  return out;
}

void mark_licence_documents(std::vector<PresentedMaterial>& received, const FetchedLicenceDocuments& fetched,
                            const std::set<std::string>& held) {
  for (auto& m : received) {
    if (m.form != "elicense") continue;
    const bool obtained = held.contains(m.id) || std::any_of(fetched.obtained.begin(), fetched.obtained.end(),
                                                             [&](const auto& d) { return d.material == m.id; });
    if (obtained)
      m.licence_document = "obtained";
    else if (fetched.not_obtained.contains(m.id))
      m.licence_document = "not_obtained";
  }
}

}  // namespace ow::acceptance
