// Storing e-licence documents as material files.
#include "services/files/licence_document_files.hpp"

#include "services/acceptance/file_type.hpp"
#include "services/store/file_store.hpp"

namespace ow::files {

std::set<std::string> StoredLicenceDocuments::held(casework::CaseTransaction& tx, const std::string& number) {
  return store::files::licence_materials(tx.store(), number);
}

void StoredLicenceDocuments::keep(casework::CaseTransaction& tx, const std::string& number,
                                  const std::vector<acceptance::LicenceDocument>& documents) {
  for (const auto& d : documents) {
    ViewSource bytes(d.document.bytes);
    acceptance::PdfPageCounter pages;
    const auto blob = storage_.put(
        tx.store(), bytes, [&](std::string_view chunk) { pages.feed(chunk); },
        [&] {
          return std::pair{d.document.media_type, pages.pages()};
        });
    store::files::attach_licence(tx.store(), number, d.material, blob.id, d.file_name);
  }
}

}  // namespace ow::files
