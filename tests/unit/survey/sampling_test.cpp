// The callback sample: allocation by hand, and a seeded draw whose expected result was computed by an
// independent implementation of mt19937_64 (the reference algorithm, written in Python) with the same
// rejection rule and partial Fisher–Yates shuffle as workflow/survey/sampling.hpp:
//   r = MT19937_64(20261123); for each stratum in key order, for i < a_h: j = i + below(r, N_h − i), swap
//   → a2 a5 a3 | b2 | c1
#include <gtest/gtest.h>

#include "workflow/survey/sampling.hpp"

using namespace ow::survey;

TEST(SurveySampling, TheGeneratorIsTheStandardsMt19937_64) {
  std::mt19937_64 rng;  // default seed 5489: the standard fixes the 10000th output ([rand.predef])
  rng.discard(9999);
  EXPECT_EQ(rng(), 9981545732273789042ULL);
}

TEST(SurveySampling, BelowStaysInRangeAndRejectsTheBiasedTail) {
  std::mt19937_64 rng(1);
  for (std::uint64_t b : {1ULL, 2ULL, 3ULL, 7ULL, 1000ULL})
    for (int i = 0; i < 100; ++i) EXPECT_LT(below(rng, b), b);
  EXPECT_EQ(below(rng, 1), 0u);
}

TEST(SurveySampling, ProportionalAllocationWithAMinimumByHand) {
  // 6, 3, 1 of 10; n = 5: shares 3, 1.5, 0.5 → 3, 1, max(1, 0) = 1.
  EXPECT_EQ(allocate({6, 3, 1}, 5, 1), (std::vector<int>{3, 1, 1}));
  // 10, 1, 1 of 12; n = 4, minimum 2: shares 3.33, 0.33, 0.33 → 3, 1, 1 (the small strata hold all they have) =
  // 5 > 4: one fewer from the only stratum above its minimum → 2, 1, 1.
  EXPECT_EQ(allocate({10, 1, 1}, 4, 2), (std::vector<int>{2, 1, 1}));
  // 5, 5; n = 3, no minimum: 1.5, 1.5 → 1, 1, the odd one to the first of the equal remainders.
  EXPECT_EQ(allocate({5, 5}, 3, 0), (std::vector<int>{2, 1}));
  // Minimums that cannot be cut: 1, 1, 1 with minimum 1 and n = 2 keeps 3.
  EXPECT_EQ(allocate({1, 1, 1}, 2, 1), (std::vector<int>{1, 1, 1}));
  // Asking for more than there is takes everything.
  EXPECT_EQ(allocate({2, 3}, 10, 1), (std::vector<int>{2, 3}));
}

TEST(SurveySampling, ASeededDrawIsReproducedExactly) {
  const std::vector<Stratum> strata = {
      {"A", {"a1", "a2", "a3", "a4", "a5", "a6"}}, {"B", {"b1", "b2", "b3"}}, {"C", {"c1"}}};
  const auto drawn = draw_stratified(strata, 5, 1, 20261123);
  std::vector<std::string> units;
  for (const auto& d : drawn) units.push_back(d.unit);
  EXPECT_EQ(units, (std::vector<std::string>{"a2", "a5", "a3", "b2", "c1"}));
  EXPECT_EQ(drawn[0].population, 6);
  EXPECT_EQ(drawn[0].sampled, 3);
  EXPECT_EQ(drawn[3].key, "B");
  // The same seed again: the same draw; another seed: (almost surely) another.
  const auto again = draw_stratified(strata, 5, 1, 20261123);
  for (std::size_t i = 0; i < drawn.size(); ++i) EXPECT_EQ(again[i].unit, drawn[i].unit);
}
