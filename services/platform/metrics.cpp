// Metrics registry and its Prometheus text rendering.
#include "services/platform/metrics.hpp"

#include <sstream>

namespace ow::platform {
namespace {
const double kBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
constexpr std::size_t kBucketCount = sizeof kBuckets / sizeof kBuckets[0];

std::string labels(const std::tuple<std::string, std::string, unsigned>& k) {
  return "method=\"" + std::get<0>(k) + "\",route=\"" + std::get<1>(k) + "\",status=\"" +
         std::to_string(std::get<2>(k)) + "\"";
}

// "ow_x{a=\"1\"}" → {"ow_x", "a=\"1\""}; "ow_x" → {"ow_x", ""}.
std::pair<std::string, std::string> split_name(const std::string& name) {
  const auto brace = name.find('{');
  if (brace == std::string::npos) return {name, ""};
  return {name.substr(0, brace), name.substr(brace + 1, name.size() - brace - 2)};
}
}  // namespace

void Metrics::Histogram::add(double seconds) {
  if (buckets.empty()) buckets.assign(kBucketCount, 0);
  for (std::size_t i = 0; i < kBucketCount; ++i)
    if (seconds <= kBuckets[i]) ++buckets[i];
  ++count;
  sum += seconds;
}

void Metrics::observe_request(const std::string& method, const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  auto key = std::make_tuple(method, route, status);
  ++requests_[key];
  latency_[key].add(seconds);
}

void Metrics::observe(const std::string& name, const std::string& help, double seconds) {
  std::lock_guard lock(mutex_);
  auto& h = histograms_[name];
  h.first = help;
  h.second.add(seconds);
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
  // One histogram series: its buckets, sum and count, under `base` with `l` (labels without braces, may be empty).
  auto series = [&out](const std::string& base, const std::string& l, const Histogram& h) {
    const std::string sep = l.empty() ? "" : ",";
    for (std::size_t i = 0; i < kBucketCount; ++i)
      out << base << "_bucket{" << l << sep << "le=\"" << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
    out << base << "_bucket{" << l << sep << "le=\"+Inf\"} " << h.count << "\n";
    const std::string braces = l.empty() ? "" : "{" + l + "}";
    out << base << "_sum" << braces << " " << h.sum << "\n";
    out << base << "_count" << braces << " " << h.count << "\n";
  };
  out << "# HELP ow_http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE ow_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) out << "ow_http_requests_total{" << labels(k) << "} " << n << "\n";
  out << "# HELP ow_http_request_duration_seconds HTTP request latency.\n"
      << "# TYPE ow_http_request_duration_seconds histogram\n";
  for (const auto& [k, h] : latency_) series("ow_http_request_duration_seconds", labels(k), h);
  // A name may carry labels ("ow_x_total{department=\"GA\"}"): HELP and TYPE once per base name.
  std::string last;
  auto header = [&](const std::string& name, const std::string& help, const char* type) {
    const std::string base = split_name(name).first;
    if (base != last) out << "# HELP " << base << " " << help << "\n# TYPE " << base << " " << type << "\n";
    last = base;
  };
  for (const auto& [name, h] : histograms_) {
    header(name, h.first, "histogram");
    const auto [base, l] = split_name(name);
    series(base, l, h.second);
  }
  last.clear();
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
