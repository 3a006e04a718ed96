// The dispatcher's per-department push counters.
#include "services/dispatcher/push_counters.hpp"

namespace ow::dispatcher {

void count(platform::Metrics& metrics, const Counter& c, const std::string& department, std::uint64_t by) {
  metrics.increment(std::string(c.name) + "{department=\"" + department + "\"}", c.help, by);
}

}  // namespace ow::dispatcher
