// The catalog lint rules.
#include "workflow/catalog/lint.hpp"

#include <set>

#include "workflow/catalog/route.hpp"

namespace ow::catalog {
namespace {

using calendar::Limit;

bool committed_within_statutory(const ServiceItem& i) {
  if (i.committed.immediate()) return true;
  if (i.committed.kind != i.statutory.kind) return false;
  return i.committed.amount <= i.statutory.amount;
}

bool splittable(const Limit& l) { return l.kind != Limit::Kind::natural_days && !l.immediate(); }

void lint_items(const Catalog& c, std::vector<LintError>& out) {
  for (const auto& [code, i] : c.items) {
    auto err = [&](std::string m) { out.push_back({"", "", code, std::move(m)}); };
    if (!c.departments.contains(i.department)) err("unknown department '" + i.department + "'");
    if (!committed_within_statutory(i))
      err("committed limit " + i.committed.to_string() + " must be within the statutory limit " +
          i.statutory.to_string() + " (and in the same unit)");
    std::set<std::string> seen;
    for (const auto& m : i.materials) {
      if (!c.materials.contains(m.material)) err("unknown material '" + m.material + "'");
      if (!seen.insert(m.material).second) err("material '" + m.material + "' is listed twice");
    }
  }
}

void lint_bundle(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day, std::vector<LintError>& out) {
  auto err = [&](const std::string& step, std::string m) { out.push_back({b.code, step, "", std::move(m)}); };
  const std::size_t errors_before = out.size();
  std::set<std::string> ids, attributes;
  for (const auto& a : b.attributes)
    if (!attributes.insert(a.name).second) err("", "attribute '" + a.name + "' is declared twice");
  for (const auto& s : b.steps)
    if (!ids.insert(s.id).second) err(s.id, "step id is used twice");
  for (const auto& s : b.steps) {
    if (!c.items.contains(s.item)) err(s.id, "unknown item '" + s.item + "'");
    if (!c.departments.contains(s.department)) err(s.id, "unknown department '" + s.department + "'");
    for (const auto& p : s.after)
      if (!ids.contains(p)) err(s.id, "unknown predecessor '" + p + "'");
    if (s.condition && !attributes.contains(s.condition->attribute))
      err(s.id, "condition names unknown attribute '" + s.condition->attribute + "'");
    for (const auto& m : s.produces)
      if (!c.materials.contains(m)) err(s.id, "produces unknown material '" + m + "'");
    if (s.budget && !splittable(*s.budget))
      err(s.id, "a step budget must be in working days or working hours, not " + s.budget->to_string());
  }
  if (!splittable(b.committed))
    err("",
        "the bundle's committed limit must be in working days or working hours (≥ 1), not " + b.committed.to_string());
  if (out.size() != errors_before) return;  // the graph checks below need valid references

  const RouteOrder order = topological_order(b);
  if (order.cycle_at) {
    err(*order.cycle_at, "the route has a cycle through this step");
    return;
  }
  const auto before = ancestors(b, order);
  std::map<std::string, std::string> producer;
  for (const auto& s : b.steps)
    for (const auto& m : s.produces)
      if (!producer.emplace(m, s.id).second)
        err(s.id, "material '" + m + "' is also produced by step '" + producer[m] + "'");
  for (const auto& s : b.steps) {
    for (const auto& need : c.items.at(s.item).materials) {
      auto p = producer.find(need.material);
      if (p == producer.end() || p->second == s.id) continue;
      if (!before.at(s.id).contains(p->second))
        err(s.id, "uses material '" + need.material + "' before step '" + p->second + "' produces it");
    }
  }
  const auto budgets = step_budgets(c, b, minutes_per_day);
  const auto path = critical_path(b, budgets);
  std::int64_t sum = 0;
  std::string listing;
  for (const auto& id : path) {
    sum += budgets.at(id);
    listing += (listing.empty() ? "" : " → ") + id;
  }
  const std::int64_t limit = limit_minutes(b.committed, minutes_per_day);
  if (sum > limit)
    err(path.back(), "step budgets along " + listing + " need " + std::to_string(sum) +
                         " working minutes, more than the committed " + b.committed.to_string() + " (" +
                         std::to_string(limit) + " minutes)");
}

}  // namespace

std::string LintError::to_string() const {
  std::string where = !bundle.empty() ? "bundle " + bundle + (step.empty() ? "" : ", step " + step) : "item " + item;
  return where + ": " + message;
}

// Halls sit in a known region; once regions are listed, so do departments.
void lint_places(const Catalog& c, std::vector<LintError>& out) {
  for (const auto& [code, h] : c.halls)
    if (!c.regions.contains(h.region_code))
      out.push_back({"", "", "", "hall " + code + ": unknown region '" + h.region_code + "'"});
  if (c.regions.empty()) return;
  for (const auto& [code, d] : c.departments)
    if (!c.regions.contains(d.region_code))
      out.push_back({"", "", "", "department " + code + ": unknown region '" + d.region_code + "'"});
}

std::vector<LintError> lint(const Catalog& c, std::int64_t minutes_per_day) {
  std::vector<LintError> out;
  lint_places(c, out);
  lint_items(c, out);
  for (const auto& [code, b] : c.bundles) lint_bundle(c, b, minutes_per_day, out);
  return out;
}

}  // namespace ow::catalog
