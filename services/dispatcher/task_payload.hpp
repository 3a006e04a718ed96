// The JSON a department system receives for a task (pushed, or fetched by polling departments): the case
// facts it needs to decide, the applicant in full (the department is the approver), the materials, what
// earlier steps produced, and the task's due instant; with a link signer, each material file of the case as a
// short-lived link signed for the task's department. Documented in the OpenAPI document as TaskPayload.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "services/casework/file_links.hpp"
#include "services/store/case_store.hpp"
#include "services/store/file_store.hpp"

namespace ow::dispatcher {

// The idempotency key of a task's push: stable for the task, so the department deduplicates on it.
std::string task_key(const std::string& case_number, const std::string& step, const std::string& kind);

// The case's material files as the task's department fetches them (links valid from `now`).
struct MaterialLinks {
  const casework::FileLinkSigner* signer = nullptr;  // none: the payload names no files
  const std::vector<store::MaterialFileRow>& files;  // the case's
  std::int64_t now = 0;
};

boost::json::object task_payload(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                                 const store::TaskRow& task, const std::string& kind,
                                 const MaterialLinks* links = nullptr);

}  // namespace ow::dispatcher
