// Finding a case's tasks.
#include "services/casework/case_file.hpp"

namespace ow::casework {

std::string CaseKey::missing() const {
  switch (by) {
    case By::number: return "no case " + number;
    case By::id: return "no case " + std::to_string(id);
    case By::task: return "no task " + std::to_string(id);
  }
  return "no case";
}

const store::TaskRow* CaseFile::task(const std::string& step) const {
  for (const auto& t : tasks)
    if (t.step == step) return &t;
  return nullptr;
}

const store::TaskRow* CaseFile::task_by_id(std::int64_t id) const {
  for (const auto& t : tasks)
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace ow::casework
