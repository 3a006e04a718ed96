// Sampling the simulator's counters.
#include "tests/chaos/stats_monitor.hpp"

#include <boost/json.hpp>

#include "tests/support/http_client.hpp"

namespace ow::chaos {

StatsMonitor::StatsMonitor(int simulator_port) : port_(simulator_port) {}

StatsMonitor::~StatsMonitor() { stop(); }

void StatsMonitor::start() {
  thread_ = std::thread([this] {
    while (!stopping_) {
      const auto r = ow::testing::http_request(port_, "GET", "/_stats", {}, {}, 2000);
      if (r.status == 200) {
        StatsSample s{std::chrono::steady_clock::now(), {}, {}};
        try {
          const boost::json::value parsed = boost::json::parse(r.body);  // kept alive while iterating
          for (const auto& [code, v] : parsed.as_object()) {
            s.duplicates[std::string(code)] = static_cast<long>(v.at("duplicates").as_int64());
            s.received[std::string(code)] = static_cast<long>(v.at("received").as_int64());
          }
          std::lock_guard lock(mutex_);
          samples_.push_back(std::move(s));
        } catch (const std::exception&) {
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  });
}

void StatsMonitor::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<StatsSample> StatsMonitor::samples() const {
  std::lock_guard lock(mutex_);
  return samples_;
}

long StatsMonitor::duplicates_between(std::chrono::steady_clock::time_point from,
                                      std::chrono::steady_clock::time_point to) const {
  std::lock_guard lock(mutex_);
  auto total_before = [this](std::chrono::steady_clock::time_point t) {
    long total = 0;
    for (const auto& s : samples_) {
      if (s.at >= t) break;
      total = 0;
      for (const auto& [code, n] : s.duplicates) total += n;
    }
    return total;
  };
  return total_before(to) - total_before(from);
}

}  // namespace ow::chaos
