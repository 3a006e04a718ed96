// What a bundle asks of the applicant, counted the way a published ceiling (published.max_steps,
// published.max_materials) counts it:
//   steps     — the route's steps an applicant can go through, every conditional branch taken (the most any
//               applicant meets), each step once however the route runs them (in parallel or in a chain);
//               steps done behind the counter by data sharing (behind_counter: true) are not counted;
//   materials — the merged list the applicant hands over (merged_guide): each material once however many
//               steps need it, nothing an earlier step produces, conditional and optional ones included.
#pragma once

#include <cstdint>

#include "workflow/catalog/guide.hpp"

namespace ow::catalog {

struct ApplicantCounts {
  int steps = 0, materials = 0;
};

ApplicantCounts applicant_counts(const Guide& g);
// Assumes a lint-clean route (known items, no cycle).
ApplicantCounts applicant_counts(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day = 420);

}  // namespace ow::catalog
