// The callback roster's stratified random sample (回访抽样), reproducible from a recorded seed.
//
// Allocation (proportional with a minimum): with N units in all, strata of N_h units and a wanted size n,
//   1. n ≥ N: every unit is taken.
//   2. a_h = min(N_h, max(m, ⌊n·N_h/N⌋)) — the proportional share rounded down, at least the minimum m,
//      at most the stratum.
//   3. While Σa_h < n: one more to the stratum with the largest remainder n·N_h/N − a_h among those not yet
//      full (ties: the first stratum in key order). While Σa_h > n (minimums pushed it over): one fewer from
//      the stratum with the smallest remainder among those above min(N_h, m) (ties: the last in key order);
//      when none is left above its minimum the sample stays larger than n.
// Selection: one std::mt19937_64 seeded with the seed (its output sequence is fixed by the C++ standard);
// strata in key order; within a stratum the units in the order given (the service sorts them by case
// number), then a partial Fisher–Yates shuffle: for i = 0 … a_h−1, j = i + below(N_h − i), swap units i
// and j; the first a_h units are the sample. below(b) draws x from the generator until x ≥ 2⁶⁴ mod b and
// returns x mod b (unbiased; std::uniform_int_distribution and std::shuffle are not used: their algorithms
// are left to each standard library, so a seed would not reproduce a draw elsewhere).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ow::survey {

// An unbiased draw from [0, bound) (bound ≥ 1) by rejection, as described above.
std::uint64_t below(std::mt19937_64& rng, std::uint64_t bound);

struct Stratum {
  std::string key;                 // e.g. "330106|TXYJS"; strata are processed in the order given
  std::vector<std::string> units;  // the stratum's units (case numbers), in a fixed order
};

// Sample sizes per stratum (same order as `populations`).
std::vector<int> allocate(const std::vector<int>& populations, int wanted, int minimum);

struct Drawn {
  std::string key, unit;
  int population = 0, sampled = 0;  // N_h and a_h of its stratum: its design weight is N_h / a_h
};

// Strata must come sorted by key; the result lists the stratum's drawn units in draw order, strata in key order.
std::vector<Drawn> draw_stratified(const std::vector<Stratum>& strata, int wanted, int minimum, std::uint64_t seed);

}  // namespace ow::survey
