// Prometheus metrics: request counts and latency histograms per route and status, latency histograms that other
// parts observe (a department's pushes), plus gauges and counters that other parts register (DB pool in
// use/waiting, Redis errors, alerts raised). Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace ow::platform {

class Metrics {
 public:
  // One finished HTTP request; `route` is the route pattern (never the raw path, to keep cardinality low).
  void observe_request(const std::string& method, const std::string& route, unsigned status, double seconds);
  // One duration in a histogram by name, with labels or none ("ow_x_seconds", "ow_x_seconds{department=\"GA\"}");
  // created on first use. Buckets from 5 ms to 30 s.
  void observe(const std::string& name, const std::string& help, double seconds);
  // A counter by name (e.g. "ow_redis_errors_total", or with labels "ow_x_total{department=\"GA\"}"); created
  // on first use.
  void increment(const std::string& name, const std::string& help, std::uint64_t by = 1);
  // A gauge read when /metrics is scraped.
  void gauge(const std::string& name, const std::string& help, std::function<double()> read);
  // The Prometheus text exposition.
  std::string render() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;
    std::uint64_t count = 0;
    double sum = 0;
    void add(double seconds);
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests_;
  std::map<std::tuple<std::string, std::string, unsigned>, Histogram> latency_;
  std::map<std::string, std::pair<std::string, Histogram>> histograms_;
  std::map<std::string, std::pair<std::string, std::uint64_t>> counters_;
  std::map<std::string, std::pair<std::string, std::function<double()>>> gauges_;
};

}  // namespace ow::platform
