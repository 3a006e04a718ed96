// A small seeded random-input harness for the edge fuzz tests: a deterministic generator (seed from
// OW_FUZZ_SEED, else fixed), a time budget per target (OW_FUZZ_SECONDS, default 2 s in CI; run longer by hand),
// and byte-level mutations of seed inputs (flip, insert, delete, splice, and the bytes that break parsers).
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ow::fuzz {

class Budget {
 public:
  Budget();
  bool more();  // true while the time budget lasts
  std::uint64_t executions() const { return executions_; }
  std::uint64_t seed() const { return seed_; }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::uint64_t seed_;
  std::mt19937_64 rng_;
  std::chrono::steady_clock::time_point until_;
  std::uint64_t executions_ = 0;
};

// A random string of up to `max` bytes drawn mostly from `alphabet`, sometimes any byte.
std::string random_text(std::mt19937_64& rng, const std::string& alphabet, std::size_t max);
// One to four mutations of `seed`.
std::string mutate(std::mt19937_64& rng, const std::string& seed);
// Prints "fuzz <target>: N executions, seed S" so the CI log records what ran.
void report(const char* target, const Budget& budget);

}  // namespace ow::fuzz
