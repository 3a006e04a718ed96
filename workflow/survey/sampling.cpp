// Allocation and the seeded draw.
#include "workflow/survey/sampling.hpp"

#include <algorithm>
#include <numeric>

namespace ow::survey {

std::uint64_t below(std::mt19937_64& rng, std::uint64_t bound) {
  // 2⁶⁴ mod bound, computed in 64 bits: (2⁶⁴ − bound) mod bound.
  const std::uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    const std::uint64_t x = rng();
    if (x >= threshold) return x % bound;
  }
}

std::vector<int> allocate(const std::vector<int>& populations, int wanted, int minimum) {
  const long total = std::accumulate(populations.begin(), populations.end(), 0L);
  std::vector<int> a(populations.size(), 0);
  if (total == 0 || wanted <= 0) return a;
  if (wanted >= total) return populations;
  std::vector<double> ideal(populations.size());
  for (std::size_t h = 0; h < populations.size(); ++h) {
    ideal[h] = static_cast<double>(wanted) * populations[h] / static_cast<double>(total);
    a[h] = std::min(populations[h], std::max(minimum, static_cast<int>(ideal[h])));
  }
  auto sum = [&] { return std::accumulate(a.begin(), a.end(), 0L); };
  while (sum() < wanted) {
    std::size_t best = a.size();
    for (std::size_t h = 0; h < a.size(); ++h)
      if (a[h] < populations[h] && (best == a.size() || ideal[h] - a[h] > ideal[best] - a[best])) best = h;
    if (best == a.size()) break;
    ++a[best];
  }
  while (sum() > wanted) {
    std::size_t worst = a.size();
    for (std::size_t h = 0; h < a.size(); ++h)
      if (a[h] > std::min(populations[h], minimum) && (worst == a.size() || ideal[h] - a[h] <= ideal[worst] - a[worst]))
        worst = h;
    if (worst == a.size()) break;
    --a[worst];
  }
  return a;
}

std::vector<Drawn> draw_stratified(const std::vector<Stratum>& strata, int wanted, int minimum, std::uint64_t seed) {
  std::vector<int> sizes;
  for (const auto& s : strata) sizes.push_back(static_cast<int>(s.units.size()));
  const std::vector<int> a = allocate(sizes, wanted, minimum);
  std::mt19937_64 rng(seed);
  std::vector<Drawn> out;
  for (std::size_t h = 0; h < strata.size(); ++h) {
    std::vector<std::string> units = strata[h].units;
    const std::uint64_t n = units.size();
    for (std::uint64_t i = 0; i < static_cast<std::uint64_t>(a[h]); ++i) {
      const std::uint64_t j = i + below(rng, n - i);
      std::swap(units[i], units[j]);
      out.push_back({strata[h].key, units[i], sizes[h], a[h]});
    }
  }
  return out;
}

}  // namespace ow::survey
