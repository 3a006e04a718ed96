// Building TaskPayload.
#include "services/dispatcher/task_payload.hpp"

#include <boost/json.hpp>

#include "workflow/calendar/instant.hpp"

namespace ow::dispatcher {

namespace json = boost::json;

std::string task_key(const std::string& case_number, const std::string& step, const std::string& kind) {
  return "ow:" + kind + ":" + case_number + ":" + step;
}

namespace {

json::array material_files(const std::string& department, const MaterialLinks& links) {
  json::array out;
  for (const auto& f : links.files) {
    const auto link = links.signer->issue(department, f.case_number, f.id, links.now);
    out.push_back(json::object{{"material", f.material},
                               {"file_name", f.file_name},
                               {"media_type", f.blob.media_type},
                               {"size_bytes", f.blob.size_bytes},
                               {"sha256", f.blob.sha256},
                               {"source", f.source},
                               {"url", links.signer->path(link)},
                               {"expires_at", calendar::format_instant(link.expires)}});
  }
  return out;
}

}  // namespace

json::object task_payload(const store::CaseRow& c, const std::vector<store::TaskRow>& tasks, const store::TaskRow& task,
                          const std::string& kind, const MaterialLinks* links) {
  json::array produced;
  for (const auto& t : tasks)
    if (t.state == "Approved" && t.result)
      produced.push_back(json::object{{"step", t.step}, {"result", json::parse(*t.result)}});
  json::object o{{"kind", kind == "cancel" ? "cancellation" : "task"},
                 {"idempotency_key", task_key(c.number, task.step, kind)},
                 {"task_id", task.id},
                 {"case_number", c.number},
                 {"bundle", c.bundle_code},
                 {"step", task.step},
                 {"department", task.department_code},
                 {"task_state", task.state}};
  if (kind == "cancel") return o;
  o["applicant"] = json::parse(c.applicant);
  o["contact_phone"] = c.phone;
  o["attributes"] = json::parse(c.attributes);
  o["materials"] = json::parse(c.materials);
  if (links && links->signer) o["material_files"] = material_files(task.department_code, *links);
  o["produced_by_earlier_steps"] = produced;
  o["budget_minutes"] = task.budget_minutes;
  o["due_at"] = task.due_at ? json::value(*task.due_at) : json::value(nullptr);
  o["case_committed_due_at"] = c.committed_due_at ? json::value(*c.committed_due_at) : json::value(nullptr);
  return o;
}

}  // namespace ow::dispatcher
