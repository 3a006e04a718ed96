// The timekeeper's defence against a clock that jumps. Alerts are irreversible (a supervisor is told a case
// is late), so the time they are raised at must not leap because a host's clock was stepped, a virtual
// machine resumed, or someone set the date by hand. The guard follows its source (the database's clock) while
// it agrees with the elapsed time of a clock that only runs forward (CLOCK_BOOTTIME, which keeps counting
// through a suspend) — small NTP corrections pass within the tolerance; a larger
// step, forward or back, is held: time runs on at the steady rate from the last trusted reading. A step that
// persists for the confirmation period is taken as the new truth (the clock was wrong before, and was set
// right), reported once. Pure: readings are passed in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace ow::supervision {

class ClockGuard {
 public:
  using Steady = std::chrono::steady_clock::time_point;
  enum class Verdict { followed, held, accepted };
  struct Reading {
    std::int64_t trusted;  // seconds since the epoch the timekeeper uses
    Verdict verdict;
    std::int64_t step;  // source − steady extrapolation, seconds (0 when followed)
  };

  ClockGuard(std::chrono::seconds tolerance, std::chrono::seconds confirm) : tolerance_(tolerance), confirm_(confirm) {}
  // One reading of the source (`source`, seconds since the epoch) at steady instant `at`.
  Reading observe(std::int64_t source, Steady at);

 private:
  std::chrono::seconds tolerance_, confirm_;
  std::optional<std::int64_t> trusted_;
  Steady trusted_at_{};
  std::optional<std::int64_t> pending_step_;  // a held step, and since when it has held
  Steady pending_since_{};
};

}  // namespace ow::supervision
