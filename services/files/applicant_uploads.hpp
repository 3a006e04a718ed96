// The applicant's own material files (issue 20): an applicant signed in through the identity provider uploads a
// scan or photo for a material of THEIR OWN case, with the counter's upload (MaterialFiles: the same typing by
// magic bytes, size limits, virus scan and SHA-256 dedup), while the case waits for them: Submitted (before the
// clerk's pre-review) or waiting for their 补正 (the intake's one-time list, or a department's request while
// the case is Suspended). Any other state answers 409 case_takes_no_files; someone else's case is missing (404).
// They also list their case's files.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/files/material_files.hpp"

namespace ow::files {

class ApplicantUploads {
 public:
  ApplicantUploads(MaterialFiles& files, store::PgPool& pool, catalog_service::CatalogService& catalog)
      : files_(files), pool_(pool), catalog_(catalog) {}

  // POST /api/v1/applicant/cases/{number}/materials/{material}?name=…: 201 with the stored file. 422
  // unknown_material when the case's catalog has no such material.
  boost::json::object upload(const platform::Actor& applicant, const std::string& number, const std::string& material,
                             const std::string& file_name, ByteSource& source);
  // GET /api/v1/applicant/cases/{number}/files: {items: [...]}.
  boost::json::object list(const platform::Actor& applicant, const std::string& number);
  // GET /api/v1/applicant/cases/{number}/files/{id}: one of their files' bytes to sink; answers its media type.
  std::string read(const platform::Actor& applicant, const std::string& number, std::int64_t file_id,
                   const std::function<void(std::string_view)>& sink);

 private:
  void require_own(const platform::Actor& applicant, const std::string& number);
  MaterialFiles& files_;
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
};

// Whether an applicant may add files to a case in `state` whose tasks are `tasks`: Submitted, AwaitingSupplement,
// or Suspended with a task waiting for a supplement.
bool takes_applicant_files(const std::string& state, const std::vector<store::TaskRow>& tasks);

}  // namespace ow::files
