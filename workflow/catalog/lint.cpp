// The catalog lint rules.
#include "workflow/catalog/lint.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "workflow/catalog/ceilings.hpp"
#include "workflow/catalog/route.hpp"

namespace ow::catalog {
namespace {

using calendar::Limit;

// Natural days and working time are not comparable; working days, hours and minutes are, in working minutes
// (a 60分钟领证 item commits 1wh within a statutory 30wd).
bool committed_within_statutory(const ServiceItem& i, std::int64_t minutes_per_day) {
  using Kind = Limit::Kind;
  if (i.committed.immediate()) return true;
  if (i.committed.kind == i.statutory.kind) return i.committed.amount <= i.statutory.amount;
  if (i.committed.kind == Kind::natural_days || i.statutory.kind == Kind::natural_days) return false;
  return limit_minutes(i.committed, minutes_per_day) <= limit_minutes(i.statutory, minutes_per_day);
}

bool splittable(const Limit& l) { return l.kind != Limit::Kind::natural_days && !l.immediate(); }

// A material an 一证通办 item may ask besides the ID card: verifiable in the e-licence library, or electronic
// only (handed over between departments).
bool without_paper(const Material& m, const MaterialNeed& need) {
  if (m.elicense_type) return true;
  return !need.forms.empty() && need.forms == std::vector<std::string>{"electronic"};
}

// 告知承诺: the commitment stands in for proofs the item asks, is verified within working days, and says what
// the applicant promises.
void lint_commitment(const ServiceItem& i, const std::function<void(std::string)>& err) {
  if (!i.commitment) return;
  const CommitmentOption& cm = *i.commitment;
  if (cm.replaces.empty()) err("commitment replaces no material");
  for (const auto& m : cm.replaces)
    if (std::none_of(i.materials.begin(), i.materials.end(), [&](const MaterialNeed& n) { return n.material == m; }))
      err("commitment replaces '" + m + "', which the item does not ask for");
  if (cm.verify_within.kind != Limit::Kind::working_days || cm.verify_within.amount < 1)
    err("commitment verify_within must be at least 1 working day (Nwd), not " + cm.verify_within.to_string());
  if (cm.conditions.empty()) err("commitment names no condition the applicant promises");
}

void lint_items(const Catalog& c, std::int64_t minutes_per_day, std::vector<LintError>& out) {
  for (const auto& [code, i] : c.items) {
    auto err = [&](std::string m) { out.push_back({"", "", code, std::move(m)}); };
    lint_commitment(i, err);
    if (!c.departments.contains(i.department)) err("unknown department '" + i.department + "'");
    if (!committed_within_statutory(i, minutes_per_day))
      err("committed limit " + i.committed.to_string() + " must be within the statutory limit " +
          i.statutory.to_string() + " (natural days only against natural days)");
    std::set<std::string> seen;
    for (const auto& m : i.materials) {
      if (!c.materials.contains(m.material)) err("unknown material '" + m.material + "'");
      if (!seen.insert(m.material).second) err("material '" + m.material + "' is listed twice");
      if (i.one_card && c.materials.contains(m.material) && !without_paper(c.materials.at(m.material), m))
        err("is marked 一证通办 (one_card) but asks for material '" + m.material +
            "', which has no e-licence and is not electronic only");
    }
  }
}

// The bundle keeps within what its document publishes.
void lint_published(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day, std::vector<LintError>& out) {
  auto err = [&](std::string m) { out.push_back({b.code, "", "", std::move(m)}); };
  const Published& p = b.published;
  const bool any = p.limit || p.max_materials || p.max_steps;
  if (any && !b.provenance) err("published ceilings need their provenance (document and indicator)");
  if (p.limit && limit_minutes(b.committed, minutes_per_day) > limit_minutes(*p.limit, minutes_per_day))
    err("committed limit " + b.committed.to_string() + " exceeds the published limit " + p.limit->to_string());
  const ApplicantCounts n = applicant_counts(c, b, minutes_per_day);
  if (p.max_steps && n.steps > *p.max_steps)
    err(std::to_string(n.steps) + " steps as the applicant meets them, more than the published " +
        std::to_string(*p.max_steps));
  if (p.max_materials && n.materials > *p.max_materials)
    err(std::to_string(n.materials) + " materials on the applicant's merged list, more than the published " +
        std::to_string(*p.max_materials));
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
  if (b.limit_starts) {
    auto it =
        std::find_if(b.steps.begin(), b.steps.end(), [&](const Step& s) { return s.id == b.limit_starts->after_step; });
    if (it == b.steps.end())
      err("", "limit_starts names unknown step '" + b.limit_starts->after_step + "'");
    else if (it->condition)
      err(it->id, "the committed limit cannot start after a conditional step");
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
  const auto outside = steps_before_limit(b);
  for (const auto& s : b.steps) {
    const ServiceItem& item = c.items.at(s.item);
    if (!outside.contains(s.id) &&
        limit_minutes(item.committed, minutes_per_day) > limit_minutes(b.committed, minutes_per_day))
      err(s.id, "item '" + item.code + "' promises " + item.committed.to_string() + ", longer than the bundle's " +
                    b.committed.to_string());
    if (!s.behind_counter) continue;
    for (const auto& need : item.materials) {
      auto p = producer.find(need.material);
      if (p != producer.end() && before.at(s.id).contains(p->second)) continue;
      bool asked_anyway = false;
      for (const auto& other : b.steps)
        for (const auto& n : c.items.at(other.item).materials)
          asked_anyway = asked_anyway || (!other.behind_counter && n.material == need.material);
      if (!asked_anyway)
        err(s.id, "is behind the counter but adds material '" + need.material + "' to the applicant's list");
    }
  }
  bool materials_known = true;  // the merged list needs every material defined (lint_items reports the rest)
  for (const auto& s : b.steps)
    for (const auto& need : c.items.at(s.item).materials)
      materials_known = materials_known && c.materials.contains(need.material);
  if (materials_known) lint_published(c, b, minutes_per_day, out);
  auto budgets = step_budgets(c, b, minutes_per_day);
  for (const auto& id : outside) budgets[id] = 0;  // outside the committed limit
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

std::string LintNotice::to_string() const { return "bundle " + bundle + ": " + message; }

std::vector<LintNotice> lint_notices(const Catalog& c) {
  std::vector<LintNotice> out;
  for (const auto& [code, b] : c.bundles)
    if (!b.provenance)
      out.push_back({code, "a local choice: no published document; its limit " + b.committed.to_string() +
                               " is the hall's own choice (本厅自定), not a published promise"});
    else if (!b.published.limit)
      out.push_back({code, b.provenance->document + " publishes no limit: " + b.committed.to_string() +
                               " is the hall's own choice (本厅自定)"});
  return out;
}

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
  lint_items(c, minutes_per_day, out);
  for (const auto& [code, b] : c.bundles) lint_bundle(c, b, minutes_per_day, out);
  return out;
}

}  // namespace ow::catalog
