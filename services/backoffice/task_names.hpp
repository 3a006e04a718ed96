// The names an approver reads for a task — its bundle (一件事), its step's service item, its department — taken
// from the catalog version the case was accepted under, so a later catalog change does not relabel old cases.
// A code stands in only when that version does not know it.
#pragma once

#include <string>

#include "workflow/catalog/model.hpp"

namespace ow::backoffice {

struct StepNames {
  std::string bundle, step, department;
};

StepNames step_names(const catalog::Catalog& c, const std::string& bundle_code, const std::string& step,
                     const std::string& department_code);

}  // namespace ow::backoffice
