// Survey estimates of a proportion (实现率, 满意率) with 95 % confidence intervals, and the ranking of
// districts that treats overlapping intervals as ties. Formulas (also in README, "Callbacks and surveys"):
//   z = 1.959963984540054 (the normal distribution's 97.5 % point)
//   Wilson score interval (one stratum: a simple random sample of n answers, y of them "yes", p = y/n):
//     centre = (p + z²/2n) / (1 + z²/n), half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
//   Stratified (two or more strata with answers; N_h units in stratum h, n_h answers, p_h = y_h/n_h; strata
//   without answers are left out and W_h = N_h / Σ N_h over the strata with answers):
//     p = Σ W_h p_h,  v = Σ W_h² (1 − n_h/N_h) p_h(1−p_h)/n_h,  interval p ± z√v clipped to [0, 1]
//   (the normal approximation; the finite-population correction because strata are small).
// Ranking: higher estimates first; a district's rank is 1 + the number of districts whose interval lies
// wholly above its own (lower bound > its upper bound), so districts whose intervals overlap are not put in
// an order the survey cannot support; each lists the districts it is not clearly different from.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ow::survey {

inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double estimate = 0, low = 0, high = 0;
};

// Wilson score interval for y of n (n ≥ 1).
Interval wilson(long successes, long n, double z = kZ95);

struct StratumAnswers {
  long population = 0;  // N_h
  long answers = 0;     // n_h: answers to this question
  long yes = 0;         // y_h
};

struct Estimate {
  Interval interval;
  long answers = 0, yes = 0;
  bool stratified = false;  // false: one stratum, Wilson
};

// Nothing when no stratum has an answer.
std::optional<Estimate> estimate(const std::vector<StratumAnswers>& strata);

struct RankInput {
  std::string key;
  std::optional<Interval> interval;  // districts without an estimate are listed last, unranked
};
struct Ranked {
  std::string key;
  std::optional<int> rank;
  std::vector<std::string> ties;  // the districts whose intervals overlap this one's (无显著差异)
};
std::vector<Ranked> rank_by_interval(const std::vector<RankInput>& districts);

}  // namespace ow::survey
