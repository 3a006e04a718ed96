// Material files fetched by department systems: a push names each file as a signed link (casework/file_links.hpp);
// the department presents the link with its own API key, and gets the file's bytes. A link of another
// department, a forged or altered one (403), an expired one (410), or a case in which the department has no task
// (404) opens nothing; every fetch is recorded as a personal-data access under the department's code.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "services/casework/file_links.hpp"
#include "services/files/file_storage.hpp"
#include "services/platform/actor.hpp"
#include "services/platform/router.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::files {

// A link as presented: its parts from the path and query, and the signature to check.
struct PresentedLink {
  casework::FileLink link;
  std::string signature;
};

class DepartmentFiles {
 public:
  DepartmentFiles(store::PgPool& pool, FileStorage& storage, const casework::FileLinkSigner& links,
                  std::function<calendar::Instant()> now)
      : pool_(pool), storage_(storage), links_(links), now_(std::move(now)) {}

  // Checks the link against the caller (a department system, by its key), records the read in pii_access and
  // appends the file's bytes to `body` (reserved at the file's size first, then filled chunk by chunk from the
  // storage: the bytes are held once); answers its media type.
  std::string read(const platform::Actor& caller, const PresentedLink& presented, const std::string& request_id,
                   std::string& body);

 private:
  store::PgPool& pool_;
  FileStorage& storage_;
  const casework::FileLinkSigner& links_;
  std::function<calendar::Instant()> now_;
};

// GET /api/v1/departments/{code}/cases/{number}/files/{id}?expires=…&signature=… (a department's API key).
void add_department_file_route(platform::Router& router, DepartmentFiles& files);

}  // namespace ow::files
