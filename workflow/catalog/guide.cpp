// Building the merged guide of a bundle.
#include "workflow/catalog/guide.hpp"

#include <algorithm>
#include <map>

#include "workflow/catalog/route.hpp"

namespace ow::catalog {

Guide merged_guide(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day) {
  Guide g;
  g.bundle = &b;
  const RouteOrder order = topological_order(b);
  const auto before = ancestors(b, order);
  const auto budgets = step_budgets(c, b, minutes_per_day);
  std::map<std::string, const Step*> by_id;
  std::map<std::string, std::string> producer;
  for (const auto& s : b.steps) {
    by_id[s.id] = &s;
    for (const auto& m : s.produces) producer[m] = s.id;
  }
  std::map<std::string, std::size_t> material_index, produced_index;
  for (const auto& s : b.steps)
    for (const auto& m : s.produces) {
      produced_index[m] = g.produced.size();
      g.produced.push_back({m, c.materials.at(m).name, s.id, {}});
    }
  for (const auto& id : order.order) {
    const Step& s = *by_id[id];
    const ServiceItem& item = c.items.at(s.item);
    g.steps.push_back({s.id, item.code, item.name, s.department, c.departments.at(s.department).name, s.after,
                       s.produces, s.condition, budgets.at(s.id), item.statutory, item.committed, item.fee_fen,
                       s.behind_counter});
    g.total_fee_fen += item.fee_fen;
    for (const auto& need : item.materials) {
      auto p = producer.find(need.material);
      if (p != producer.end() && before.at(s.id).contains(p->second)) {
        g.produced[produced_index[need.material]].used_by.push_back(s.id);
        continue;  // an earlier step hands it over: never asked of the applicant
      }
      auto [it, fresh] = material_index.emplace(need.material, g.materials.size());
      if (fresh) {
        const Material& m = c.materials.at(need.material);
        GuideMaterial gm;
        gm.id = m.id;
        gm.name = m.name;
        gm.elicense_type = m.elicense_type;
        gm.illustrative = m.illustrative;
        gm.conditional = true;
        g.materials.push_back(gm);
      }
      GuideMaterial& gm = g.materials[it->second];
      gm.required = gm.required || need.required;
      gm.key = gm.key || need.key;
      for (const auto& f : need.forms)
        if (std::find(gm.forms.begin(), gm.forms.end(), f) == gm.forms.end()) gm.forms.push_back(f);
      gm.steps.push_back(s.id);
      gm.conditional = gm.conditional && s.condition.has_value();
    }
  }
  return g;
}

}  // namespace ow::catalog
