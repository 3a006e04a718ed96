// The thread's current request origin.
#include "services/platform/request_origin.hpp"

#include <utility>

namespace ow::platform {
namespace {
thread_local RequestOrigin current;
}  // namespace

const RequestOrigin& current_origin() { return current; }

OriginScope::OriginScope(RequestOrigin origin) : previous_(std::exchange(current, std::move(origin))) {}

OriginScope::~OriginScope() { current = std::move(previous_); }

}  // namespace ow::platform
