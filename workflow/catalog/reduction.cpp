// 材料精简率 against the pre-reform baseline.
#include "workflow/catalog/reduction.hpp"

#include <set>

#include "workflow/catalog/guide.hpp"

namespace ow::catalog {

MaterialsReduction materials_reduction(const Catalog& c, std::int64_t minutes_per_day) {
  MaterialsReduction out;
  double sum = 0;
  for (const auto& [code, bundle] : c.bundles) {
    int baseline = 0;
    bool known = !bundle.steps.empty();
    for (const auto& step : bundle.steps) {
      const auto& item = c.items.at(step.item);
      if (!item.baseline_materials)
        known = false;
      else
        baseline += *item.baseline_materials;
    }
    if (!known || baseline == 0) {
      ++out.bundles_without_baseline;
      continue;
    }
    const auto asked = merged_guide(c, bundle, minutes_per_day).materials.size();
    sum += 1.0 - static_cast<double>(asked) / static_cast<double>(baseline);
    ++out.bundles_measured;
  }
  if (out.bundles_measured > 0) out.rate = sum / out.bundles_measured;
  return out;
}

OneCardItems one_card_items(const Catalog& c) {
  std::set<std::string> personal;
  for (const auto& [code, bundle] : c.bundles)
    if (bundle.audience == "person")
      for (const auto& step : bundle.steps) personal.insert(step.item);
  OneCardItems out;
  for (const auto& code : personal) {
    ++out.personal_items;
    if (auto it = c.items.find(code); it != c.items.end() && it->second.one_card) ++out.one_card_items;
  }
  if (out.personal_items > 0) out.share = static_cast<double>(out.one_card_items) / out.personal_items;
  return out;
}

}  // namespace ow::catalog
