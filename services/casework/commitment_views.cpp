// 告知承诺 as the case view, the task lists and the progress page show it.
#include "services/casework/commitment_views.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/casework/commitment_codec.hpp"

namespace ow::casework {

namespace json = boost::json;

namespace {

const char* outcome_label(const std::string& outcome) {
  if (outcome == "confirmed") return "核查属实";
  if (outcome == "false") return "承诺不实，已撤销";
  return "待核查";
}

std::string item_name(const catalog::Catalog* catalog, const std::string& code) {
  if (!catalog) return code;
  auto it = catalog->items.find(code);
  return it == catalog->items.end() ? code : it->second.name;
}

}  // namespace

json::array commitments_view(const store::CaseRow& c, const catalog::Catalog* catalog) {
  json::array out;
  for (const auto& m : commitments_from_json(c.commitments)) {
    json::array replaces;
    for (const auto& id : m.replaces) {
      std::string name = id;
      if (catalog)
        if (auto it = catalog->materials.find(id); it != catalog->materials.end()) name = it->second.name;
      replaces.push_back(json::object{{"id", id}, {"name", name}});
    }
    json::object o{{"item", m.item},
                   {"item_name", item_name(catalog, m.item)},
                   {"step", m.step},
                   {"replaces", std::move(replaces)},
                   {"verify_within", m.verify_within.to_string()},
                   {"verify_within_text", std::to_string(m.verify_within.amount) + "个工作日"},
                   {"outcome", m.outcome.empty() ? json::value(nullptr) : json::value(m.outcome)},
                   {"outcome_label", outcome_label(m.outcome)}};
    if (!m.reason.empty()) o["reason"] = m.reason;
    out.push_back(std::move(o));
  }
  return out;
}

std::string verification_task_name(const catalog::Catalog* catalog, const std::string& bundle_code,
                                   const std::string& task_step) {
  const std::string step = flow::verified_step(task_step);
  if (step.empty()) return "";
  std::string item = step;
  if (catalog)
    if (auto b = catalog->bundles.find(bundle_code); b != catalog->bundles.end()) {
      auto s = std::find_if(b->second.steps.begin(), b->second.steps.end(),
                            [&](const catalog::Step& x) { return x.id == step; });
      if (s != b->second.steps.end()) item = item_name(catalog, s->item);
    }
  return "告知承诺核查：" + item;
}

json::value revocation_view(const store::CaseRow& c, const std::vector<store::AuditRow>& audit) {
  if (c.state != "Revoked") return nullptr;
  for (auto a = audit.rbegin(); a != audit.rend(); ++a)
    if (a->entity == "case" && a->event == "revoke") return json::object{{"reason", a->detail}, {"at", a->at}};
  return json::object{{"reason", ""}, {"at", nullptr}};
}

}  // namespace ow::casework
