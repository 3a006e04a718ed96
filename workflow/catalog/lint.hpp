// Catalog validation: everything that must hold before a catalog may be loaded. Every error names the
// bundle and step (or the item) it is about.
#pragma once

#include <string>
#include <vector>

#include "workflow/catalog/model.hpp"

namespace ow::catalog {

struct LintError {
  std::string bundle;  // empty for item or department errors
  std::string step;    // empty when not about one step
  std::string item;    // set for item errors
  std::string message;
  std::string to_string() const;
};

// Checks: items' departments and materials exist, committed ≤ statutory; bundles: unique step ids, known
// items, departments and predecessors, no cycles, conditions on declared attributes, produced materials
// exist and are produced by an ancestor of every step that uses them, budgets in wd/wh, and the critical
// path's step budgets fit the bundle's committed limit.
std::vector<LintError> lint(const Catalog& c, std::int64_t minutes_per_day = 420);

}  // namespace ow::catalog
