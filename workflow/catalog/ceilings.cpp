// Counting a bundle's steps and materials as the applicant meets them.
#include "workflow/catalog/ceilings.hpp"

namespace ow::catalog {

ApplicantCounts applicant_counts(const Guide& g) {
  ApplicantCounts out;
  for (const auto& s : g.steps)
    if (!s.behind_counter) ++out.steps;
  out.materials = static_cast<int>(g.materials.size());
  return out;
}

ApplicantCounts applicant_counts(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day) {
  return applicant_counts(merged_guide(c, b, minutes_per_day));
}

}  // namespace ow::catalog
