// Materials as files: uploading a scan or photo to a case's material (by the clerk at the counter now, by the
// applicant online later — the same function), listing a case's files, and reading one, which is recorded as a
// personal-data access. Type by magic bytes (PDF, JPEG, PNG), per-file and per-case size limits (413).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "services/files/clamd_scanner.hpp"
#include "services/files/file_storage.hpp"
#include "services/platform/actor.hpp"
#include "services/store/case_store.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::files {

struct UploadLimits {
  std::int64_t max_file_bytes = 20 << 20;   // files.max_file_bytes
  std::int64_t max_case_bytes = 100 << 20;  // files.max_case_bytes
};

// Whether the uploader may attach a file to the case (locked FOR UPDATE in the upload's transaction): throws a
// Problem to refuse (404 outside their scope, 409 in a state that takes no files). The clerk's: the case is
// within their hall's scope; the applicant's (applicant_uploads.hpp): their own case waiting for them.
using UploadAdmission = std::function<void(store::Tx& tx, const store::CaseRow& c)>;

// Who reads a file and through which route, for the access record.
struct FileReader {
  const platform::Actor& actor;
  std::string route, request_id;
};

class MaterialFiles {
 public:
  // With `clamd`, every upload is scanned as it streams in (setting clamav.enabled).
  MaterialFiles(store::PgPool& pool, FileStorage& storage, UploadLimits limits,
                std::optional<ClamdSettings> clamd = std::nullopt)
      : pool_(pool), storage_(storage), limits_(limits), clamd_(std::move(clamd)) {}

  // Stores the bytes of `source` as a file of material `material` of case `number`, uploaded by `actor` (a clerk
  // of the hall holding the case). Answers the stored file ({id, material, file_name, sha256, media_type,
  // size_bytes, pages, stored_before, virus_scanned}). 413 over a limit, 415 for bytes that are not PDF, JPEG or PNG, 422 when the
  // virus scan finds something (nothing is stored), 503 when the scan cannot be done.
  boost::json::object upload(const platform::Actor& actor, const std::string& number, const std::string& material,
                             const std::string& file_name, ByteSource& source);
  // The same upload (same typing, limits, scan and dedup) for any uploader, admitted by `admit`; `uploaded_by` is
  // a staff user's id (none for an applicant). `url_base` is where the answer's url points ("/api/v1/cases/").
  boost::json::object upload_admitted(const UploadAdmission& admit, std::optional<std::int64_t> uploaded_by,
                                      const std::string& number, const std::string& material,
                                      const std::string& file_name, ByteSource& source, const std::string& url_base);
  // The case's files, for those who see the case's personal data in full: {items: [...]}.
  boost::json::object list(const platform::Actor& actor, const std::string& number);
  // The case's files for a caller already admitted to them (the applicant of their own case), urls under url_base.
  boost::json::object list_admitted(const std::string& number, const std::string& url_base);
  // One file's bytes to `sink`, chunk by chunk, after recording the read in pii_access; answers its media type.
  std::string read(const FileReader& reader, const std::string& number, std::int64_t file_id,
                   const std::function<void(std::string_view)>& sink);

  // One file's bytes for a caller already admitted to them (the applicant of their own case: not a staff access).
  std::string read_admitted(const std::string& number, std::int64_t file_id,
                            const std::function<void(std::string_view)>& sink);

  const UploadLimits& limits() const { return limits_; }

 private:
  store::PgPool& pool_;
  FileStorage& storage_;
  UploadLimits limits_;
  std::optional<ClamdSettings> clamd_;
};

}  // namespace ow::files
