// The e-licence documents kept as material files (acceptance/licence_documents.hpp) in the file storage, inside the
// case's transaction: stored once by SHA-256 like any upload, attached with source 电子证照库.
#pragma once

#include "services/acceptance/licence_documents.hpp"
#include "services/files/file_storage.hpp"

namespace ow::files {

class StoredLicenceDocuments : public acceptance::LicenceDocumentFiles {
 public:
  StoredLicenceDocuments(FileStorage& storage, std::int64_t max_bytes) : storage_(storage), max_bytes_(max_bytes) {}
  std::set<std::string> held(casework::CaseTransaction& tx, const std::string& number) override;
  void keep(casework::CaseTransaction& tx, const std::string& number,
            const std::vector<acceptance::LicenceDocument>& documents) override;
  std::int64_t max_bytes() const override { return max_bytes_; }

 private:
  FileStorage& storage_;
  std::int64_t max_bytes_;
};

}  // namespace ow::files
