// The seeded random-input harness.
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdlib>
#include <iostream>

namespace ow::fuzz {
namespace {
// Bytes and fragments that tend to break decoders: escapes, separators, NUL, broken UTF-8, JSON escapes.
const std::vector<std::string> kNasty = {"%",
                                         "%2",
                                         "%2f",
                                         "%2F",
                                         "%5c",
                                         "%00",
                                         "%ff",
                                         "%e4%b8",
                                         "..",
                                         "/",
                                         "\\",
                                         std::string(1, '\0'),
                                         "\xff",
                                         "\xc0\xaf",
                                         "\xed\xa0\x80",
                                         "\xe4\xb8\x80",
                                         "\\u0000",
                                         "\\ud800",
                                         "\\u001b",
                                         "\"",
                                         "{",
                                         "}",
                                         "[",
                                         "]",
                                         ",",
                                         ":",
                                         "+",
                                         "&",
                                         "=",
                                         "\n"};

double seconds_from_env() {
  const char* s = std::getenv("OW_FUZZ_SECONDS");
  if (!s) return 2.0;
  try {
    return std::stod(s);
  } catch (...) {
    return 2.0;
  }
}
}  // namespace

Budget::Budget()
    : seed_(std::getenv("OW_FUZZ_SEED") ? std::strtoull(std::getenv("OW_FUZZ_SEED"), nullptr, 10) : 20261127ULL),
      rng_(seed_),
      until_(std::chrono::steady_clock::now() +
             std::chrono::milliseconds(static_cast<long>(seconds_from_env() * 1000))) {}

bool Budget::more() {
  // Check the clock every 64 executions only.
  if ((executions_ & 63) == 0 && std::chrono::steady_clock::now() >= until_) return false;
  ++executions_;
  return true;
}

std::string random_text(std::mt19937_64& rng, const std::string& alphabet, std::size_t max) {
  std::string out;
  const std::size_t n = rng() % (max + 1);
  while (out.size() < n) {
    const auto r = rng() % 100;
    if (r < 80)
      out.push_back(alphabet[rng() % alphabet.size()]);
    else if (r < 95)
      out += kNasty[rng() % kNasty.size()];
    else
      out.push_back(static_cast<char>(rng() % 256));
  }
  return out;
}

std::string mutate(std::mt19937_64& rng, const std::string& seed) {
  std::string s = seed;
  const int rounds = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < rounds; ++i) {
    const std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 5) {
      case 0:  // flip a byte
        if (!s.empty()) s[at % s.size()] = static_cast<char>(rng() % 256);
        break;
      case 1: s.insert(at, kNasty[rng() % kNasty.size()]); break;
      case 2:  // delete a run
        if (!s.empty()) s.erase(at % s.size(), 1 + rng() % 8);
        break;
      case 3: {  // duplicate a slice elsewhere
        if (s.size() < 2) break;
        const std::size_t from = rng() % s.size(), len = 1 + rng() % std::min<std::size_t>(16, s.size() - from);
        s.insert(at, s.substr(from, len));
        break;
      }
      default: s.insert(at, std::string(1, static_cast<char>(rng() % 256))); break;
    }
  }
  return s;
}

void report(const char* target, const Budget& budget) {
  std::cout << "fuzz " << target << ": " << budget.executions() << " executions, seed " << budget.seed() << std::endl;
}

}  // namespace ow::fuzz
