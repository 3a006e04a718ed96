// Names of a task's bundle, step and department in one catalog version.
#include "services/backoffice/task_names.hpp"

#include <algorithm>

#include "services/casework/commitment_views.hpp"

namespace ow::backoffice {

StepNames step_names(const catalog::Catalog& c, const std::string& bundle_code, const std::string& step,
                     const std::string& department_code) {
  StepNames n{bundle_code, step, department_code};
  if (auto d = c.departments.find(department_code); d != c.departments.end()) n.department = d->second.name;
  auto b = c.bundles.find(bundle_code);
  if (b == c.bundles.end()) return n;
  if (auto v = casework::verification_task_name(&c, bundle_code, step); !v.empty()) {  // 告知承诺核查
    n.step = v;
    return n;
  }
  n.bundle = b->second.name;
  const auto& steps = b->second.steps;
  auto s = std::find_if(steps.begin(), steps.end(), [&](const auto& x) { return x.id == step; });
  if (s == steps.end()) return n;
  if (auto i = c.items.find(s->item); i != c.items.end()) n.step = i->second.name;
  return n;
}

}  // namespace ow::backoffice
