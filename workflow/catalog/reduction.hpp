// 材料精简率: how much fewer materials an applicant brings for a "one thing" (一件事) than before the reform.
// Measured against each item's baseline (`baseline_materials`, the count it asked before the reform): for a
// bundle, 1 − (materials the merged guide asks) ÷ (sum of its items' baselines); the rate is the average over
// the bundles whose every item has a baseline. Bundles without one are counted apart, never guessed.
// Also the catalog's 一证通办 share per item (personal items only).
#pragma once

#include <cstdint>
#include <optional>

#include "workflow/catalog/model.hpp"

namespace ow::catalog {

struct MaterialsReduction {
  std::optional<double> rate;  // none when no bundle has a baseline
  int bundles_measured = 0, bundles_without_baseline = 0;
};

MaterialsReduction materials_reduction(const Catalog& c, std::int64_t minutes_per_day = 420);

// 一证通办 measured per item over personal items only: the items any person bundle (audience: person) uses;
// share = those marked one_card ÷ all of them (none when the catalog has no personal item).
struct OneCardItems {
  int personal_items = 0, one_card_items = 0;
  std::optional<double> share;
};

OneCardItems one_card_items(const Catalog& c);

}  // namespace ow::catalog
