// Wilson and stratified intervals; ranking with ties.
#include "workflow/survey/estimates.hpp"

#include <algorithm>
#include <cmath>

namespace ow::survey {

Interval wilson(long successes, long n, double z) {
  const double nn = static_cast<double>(n), p = static_cast<double>(successes) / nn, z2 = z * z;
  const double denominator = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator;
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<Estimate> estimate(const std::vector<StratumAnswers>& strata) {
  Estimate e;
  long population = 0, with_answers = 0;
  for (const auto& s : strata)
    if (s.answers > 0) {
      population += s.population;
      e.answers += s.answers;
      e.yes += s.yes;
      ++with_answers;
    }
  if (with_answers == 0) return std::nullopt;
  if (with_answers == 1) {
    e.interval = wilson(e.yes, e.answers);
    return e;
  }
  e.stratified = true;
  double p = 0, v = 0;
  for (const auto& s : strata) {
    if (s.answers == 0) continue;
    const double w = static_cast<double>(s.population) / static_cast<double>(population);
    const double ph = static_cast<double>(s.yes) / static_cast<double>(s.answers);
    const double fpc = 1 - static_cast<double>(s.answers) / static_cast<double>(std::max(s.population, s.answers));
    p += w * ph;
    v += w * w * fpc * ph * (1 - ph) / static_cast<double>(s.answers);
  }
  const double half = kZ95 * std::sqrt(v);
  e.interval = {p, std::max(0.0, p - half), std::min(1.0, p + half)};
  return e;
}

std::vector<Ranked> rank_by_interval(const std::vector<RankInput>& districts) {
  std::vector<const RankInput*> order;
  for (const auto& d : districts) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](const RankInput* a, const RankInput* b) {
    if (a->interval.has_value() != b->interval.has_value()) return a->interval.has_value();
    if (!a->interval) return a->key < b->key;
    if (a->interval->estimate != b->interval->estimate) return a->interval->estimate > b->interval->estimate;
    return a->key < b->key;
  });
  std::vector<Ranked> out;
  for (const RankInput* d : order) {
    Ranked r{d->key, std::nullopt, {}};
    if (d->interval) {
      int above = 0;
      for (const RankInput* o : order) {
        if (o == d || !o->interval) continue;
        if (o->interval->low > d->interval->high)
          ++above;
        else if (o->interval->high >= d->interval->low)
          r.ties.push_back(o->key);
      }
      r.rank = 1 + above;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ow::survey
