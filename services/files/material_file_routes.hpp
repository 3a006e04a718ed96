// HTTP routes of material files: the clerk's upload at the counter, the case's file list, one file's bytes; the
// applicant's own upload, list and bytes.
#pragma once

#include <cstddef>

#include "services/files/applicant_uploads.hpp"
#include "services/files/material_files.hpp"
#include "services/platform/router.hpp"

namespace ow::files {

void add_material_file_routes(platform::Router& router, MaterialFiles& files);
//   POST /api/v1/applicant/cases/{number}/materials/{material}?name=…   the applicant's upload (body: the file)
//   GET  /api/v1/applicant/cases/{number}/files                         their case's files
//   GET  /api/v1/applicant/cases/{number}/files/{id}                    one of them
void add_applicant_file_routes(platform::Router& router, ApplicantUploads& uploads);

// The transport's body limit for a request: the file limit (plus room) for an upload, 0 for any other.
std::size_t upload_body_limit(const platform::Request& head, const UploadLimits& limits);

}  // namespace ow::files
