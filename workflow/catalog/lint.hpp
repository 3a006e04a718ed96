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

// A finding that does not block loading: a bundle whose promise the hall chose itself.
struct LintNotice {
  std::string bundle, message;
  std::string to_string() const;
};

// Checks: items' departments and materials exist, committed ≤ statutory; bundles: unique step ids, known
// items, departments and predecessors, no cycles, conditions on declared attributes, produced materials
// exist and are produced by an ancestor of every step that uses them, budgets in wd/wh, and the critical
// path's step budgets fit the bundle's committed limit; no step's item promises longer than its bundle;
// a step behind the counter adds nothing to the applicant's list; published ceilings carry their provenance
// and the bundle keeps within them (its committed limit, and its steps and materials counted as in
// ceilings.hpp).
std::vector<LintError> lint(const Catalog& c, std::int64_t minutes_per_day = 420);

// Bundles without provenance (a local choice), and bundles whose document publishes no limit (the limit is
// the hall's own choice, 本厅自定), in code order.
std::vector<LintNotice> lint_notices(const Catalog& c);

}  // namespace ow::catalog
