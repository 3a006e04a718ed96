// Intake rules.
#include "workflow/flow/intake_rules.hpp"

#include <algorithm>

#include "workflow/catalog/route.hpp"

namespace ow::flow {

std::vector<std::string> active_steps(const catalog::Bundle& b, const std::map<std::string, std::string>& attributes) {
  std::vector<std::string> out;
  for (const auto& id : catalog::topological_order(b).order) {
    const auto& s = *std::find_if(b.steps.begin(), b.steps.end(), [&](const auto& x) { return x.id == id; });
    if (s.condition) {
      auto it = attributes.find(s.condition->attribute);
      if (it == attributes.end() || it->second != s.condition->equals) continue;
    }
    out.push_back(id);
  }
  return out;
}

MaterialCheck check_materials(const catalog::Guide& g, const std::vector<std::string>& active,
                              const std::set<std::string>& presented) {
  MaterialCheck out;
  for (const auto& m : g.materials) {
    if (presented.contains(m.id)) continue;
    bool needed_key = false, needed = false;
    for (const auto& step : g.steps) {
      if (std::find(active.begin(), active.end(), step.id) == active.end()) continue;
      if (std::find(m.steps.begin(), m.steps.end(), step.id) == m.steps.end()) continue;
      needed = needed || m.required;
      needed_key = needed_key || (m.required && m.key);
    }
    if (needed_key)
      out.missing_key.push_back(m.id);
    else if (needed)
      out.missing_deferrable.push_back(m.id);
  }
  return out;
}

OpenDecisions open_decisions(const MaterialCheck& m) {
  const bool missing = !m.missing_key.empty() || !m.missing_deferrable.empty();
  return {!missing, missing && m.missing_key.empty(), missing, true};
}

calendar::Limit case_statutory_limit(const catalog::Catalog& c, const catalog::Bundle& b,
                                     std::int64_t minutes_per_day) {
  std::map<std::string, std::int64_t> weights;
  for (const auto& s : b.steps) weights[s.id] = catalog::limit_minutes(c.items.at(s.item).statutory, minutes_per_day);
  std::int64_t total = 0;
  for (const auto& id : catalog::critical_path(b, weights)) total += weights.at(id);
  const auto days = (total + minutes_per_day - 1) / minutes_per_day;
  return {calendar::Limit::Kind::working_days, static_cast<int>(std::max<std::int64_t>(days, 1))};
}

bool admits_establishment(const catalog::Bundle& b) { return b.audience == "enterprise" && b.stage == "开办"; }

bool takes_newborn(const catalog::Bundle& b) { return b.audience == "person" && b.stage == "出生"; }

calendar::Date newborn_earliest_birth(calendar::Date today) {
  const std::string t = calendar::format_date(today);  // YYYY-MM-DD
  const int year = std::stoi(t.substr(0, 4)) - 1;
  const unsigned month = static_cast<unsigned>(std::stoi(t.substr(5, 2)));
  unsigned day = static_cast<unsigned>(std::stoi(t.substr(8, 2)));
  if (month == 2 && day == 29) day = 28;
  return calendar::make_date(year, month, day);
}

BirthDateFault check_newborn_birth_date(std::string_view text, calendar::Date today) {
  calendar::Date birth = 0;
  try {
    birth = calendar::parse_date(text);
  } catch (const calendar::ParseError&) {
    return BirthDateFault::not_a_date;
  }
  if (birth > today) return BirthDateFault::future;
  if (birth < newborn_earliest_birth(today)) return BirthDateFault::too_old;
  return BirthDateFault::none;
}

int default_deferral_days(const calendar::Limit& committed) {
  return committed.kind == calendar::Limit::Kind::working_days && committed.amount > 0 ? committed.amount : 5;
}

calendar::Date default_deferral_date(const calendar::WorkCalendar& c, calendar::Date today, int days,
                                     std::optional<calendar::Date> committed_due) {
  calendar::Date d = c.add_working_days(today, std::max(days, 1));
  if (committed_due && d > *committed_due) d = std::max(*committed_due, today);
  return d;
}

}  // namespace ow::flow
