// The timekeeper's guarded clock.
#include "services/supervision/timekeeper_clock.hpp"

#include <time.h>

#include <memory>
#include <mutex>

#include "services/platform/log.hpp"
#include "services/store/supervision_store.hpp"
#include "services/supervision/clock_guard.hpp"

namespace ow::supervision {

namespace {
// Elapsed time that keeps counting while the host is suspended (CLOCK_BOOTTIME; steady_clock's
// CLOCK_MONOTONIC stops), so a resumed host's clock, rightly ahead, is followed and not held as a jump.
ClockGuard::Steady elapsed_since_boot() {
  timespec ts{};
  ::clock_gettime(CLOCK_BOOTTIME, &ts);
  return ClockGuard::Steady(std::chrono::duration_cast<ClockGuard::Steady::duration>(
      std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
}
}  // namespace

std::function<calendar::Instant()> guarded_database_clock(store::PgPool& pool, std::chrono::seconds tolerance,
                                                          std::chrono::seconds confirm,
                                                          std::function<std::int64_t()> test_offset) {
  struct State {
    State(std::chrono::seconds tolerance, std::chrono::seconds confirm) : guard(tolerance, confirm) {}
    std::mutex mutex;
    ClockGuard guard;
    ClockGuard::Verdict last = ClockGuard::Verdict::followed;
  };
  auto state = std::make_shared<State>(tolerance, confirm);
  return [&pool, state, test_offset = std::move(test_offset)] {
    const std::int64_t source = pool.transact([](store::Tx& tx) { return store::supervision::database_now(tx); });
    std::lock_guard lock(state->mutex);
    const auto r = state->guard.observe(source, elapsed_since_boot());
    if (r.verdict != state->last) {
      if (r.verdict == ClockGuard::Verdict::held)
        platform::log(platform::LogLevel::warn, "clock step held: alerts keep to the steady clock",
                      {{"step_seconds", std::to_string(r.step)}});
      if (r.verdict == ClockGuard::Verdict::accepted)
        platform::log(platform::LogLevel::warn, "clock step accepted as the new time",
                      {{"step_seconds", std::to_string(r.step)}});
      if (r.verdict == ClockGuard::Verdict::followed)
        platform::log(platform::LogLevel::info, "clock agrees with the steady clock again");
      state->last = r.verdict;
    }
    return static_cast<calendar::Instant>(r.trusted + test_offset());
  };
}

}  // namespace ow::supervision
