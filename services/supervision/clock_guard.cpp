// Clock-jump guard.
#include "services/supervision/clock_guard.hpp"

#include <cstdlib>

namespace ow::supervision {

ClockGuard::Reading ClockGuard::observe(std::int64_t source, Steady at) {
  if (!trusted_) {
    trusted_ = source;
    trusted_at_ = at;
    return {source, Verdict::followed, 0};
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(at - trusted_at_).count();
  const std::int64_t expected = *trusted_ + elapsed;
  const std::int64_t step = source - expected;
  if (std::llabs(step) <= tolerance_.count()) {
    pending_step_.reset();
    trusted_ = source;
    trusted_at_ = at;
    return {source, Verdict::followed, 0};
  }
  // A step. The same step seen again (within the tolerance) counts toward confirmation; another starts over.
  if (!pending_step_ || std::llabs(step - *pending_step_) > tolerance_.count()) {
    pending_step_ = step;
    pending_since_ = at;
  }
  if (at - pending_since_ >= confirm_) {
    pending_step_.reset();
    trusted_ = source;
    trusted_at_ = at;
    return {source, Verdict::accepted, step};
  }
  return {expected, Verdict::held, step};
}

}  // namespace ow::supervision
