// Metrics registry and its Prometheus text rendering.
#include "services/platform/metrics.hpp"

#include <sstream>

namespace ow::platform {
namespace {
const double kBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
constexpr std::size_t kBucketCount = sizeof kBuckets / sizeof kBuckets[0];

std::string labels(const std::tuple<std::string, std::string, unsigned>& k) {
  return "method=\"" + std::get<0>(k) + "\",route=\"" + std::get<1>(k) + "\",status=\"" +
         std::to_string(std::get<2>(k)) + "\"";
}
}  // namespace

void Metrics::observe_request(const std::string& method, const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  auto key = std::make_tuple(method, route, status);
  ++requests_[key];
  auto& h = latency_[key];
  if (h.buckets.empty()) h.buckets.assign(kBucketCount, 0);
  for (std::size_t i = 0; i < kBucketCount; ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::increment(const std::string& name, const std::string& help, std::uint64_t by) {
  std::lock_guard lock(mutex_);
  auto& c = counters_[name];
  c.first = help;
  c.second += by;
}

void Metrics::gauge(const std::string& name, const std::string& help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_[name] = {help, std::move(read)};
}

std::string Metrics::render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP ow_http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE ow_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) out << "ow_http_requests_total{" << labels(k) << "} " << n << "\n";
  out << "# HELP ow_http_request_duration_seconds HTTP request latency.\n"
      << "# TYPE ow_http_request_duration_seconds histogram\n";
  for (const auto& [k, h] : latency_) {
    const std::string l = labels(k);
    for (std::size_t i = 0; i < kBucketCount; ++i)
      out << "ow_http_request_duration_seconds_bucket{" << l << ",le=\"" << kBuckets[i] << "\"} " << h.buckets[i]
          << "\n";
    out << "ow_http_request_duration_seconds_bucket{" << l << ",le=\"+Inf\"} " << h.count << "\n";
    out << "ow_http_request_duration_seconds_sum{" << l << "} " << h.sum << "\n";
    out << "ow_http_request_duration_seconds_count{" << l << "} " << h.count << "\n";
  }
  // A name may carry labels ("ow_x_total{department=\"GA\"}"): HELP and TYPE once per base name.
  std::string last;
  auto header = [&](const std::string& name, const std::string& help, const char* type) {
    const std::string base = name.substr(0, name.find('{'));
    if (base != last) out << "# HELP " << base << " " << help << "\n# TYPE " << base << " " << type << "\n";
    last = base;
  };
  for (const auto& [name, c] : counters_) {
    header(name, c.first, "counter");
    out << name << " " << c.second << "\n";
  }
  last.clear();
  for (const auto& [name, g] : gauges_) {
    header(name, g.first, "gauge");
    out << name << " " << g.second() << "\n";
  }
  return out.str();
}

}  // namespace ow::platform
