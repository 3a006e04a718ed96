// The Prometheus exposition of Metrics: request histograms per route, named histograms with and without
// labels (a department's push latency), counters; HELP and TYPE once per metric name.
#include <gtest/gtest.h>

#include "services/platform/metrics.hpp"

namespace ow::platform {
namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Metrics, PushLatencyIsAHistogramPerDepartment) {
  Metrics m;
  m.observe("ow_dispatch_push_duration_seconds{department=\"GA\"}", "push latency", 0.02);
  m.observe("ow_dispatch_push_duration_seconds{department=\"GA\"}", "push latency", 3.0);
  m.observe("ow_dispatch_push_duration_seconds{department=\"SW\"}", "push latency", 40.0);
  const std::string text = m.render();
  EXPECT_EQ(count_of(text, "# TYPE ow_dispatch_push_duration_seconds histogram\n"), 1u) << text;
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_bucket{department=\"GA\",le=\"0.01\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_bucket{department=\"GA\",le=\"0.025\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_bucket{department=\"GA\",le=\"5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_bucket{department=\"GA\",le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_sum{department=\"GA\"} 3.02\n"), std::string::npos);
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_count{department=\"GA\"} 2\n"), std::string::npos);
  // Beyond the largest bucket (30 s) only +Inf counts it.
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_bucket{department=\"SW\",le=\"30\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("ow_dispatch_push_duration_seconds_bucket{department=\"SW\",le=\"+Inf\"} 1\n"),
            std::string::npos);
}

TEST(Metrics, HistogramWithoutLabels) {
  Metrics m;
  m.observe("ow_x_seconds", "x", 0.3);
  const std::string text = m.render();
  EXPECT_NE(text.find("ow_x_seconds_bucket{le=\"0.5\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ow_x_seconds_sum 0.3\n"), std::string::npos);
  EXPECT_NE(text.find("ow_x_seconds_count 1\n"), std::string::npos);
}

TEST(Metrics, RequestLatencyPerRouteAndCountersKeepTheirShape) {
  Metrics m;
  m.observe_request("GET", "/api/v1/cases/{number}", 200, 0.004);
  m.increment("ow_alerts_raised_total{kind=\"overdue\",level=\"red\"}", "alerts", 0);
  m.increment("ow_alerts_raised_total{kind=\"warning\",level=\"yellow\"}", "alerts", 2);
  const std::string text = m.render();
  EXPECT_NE(text.find("ow_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/cases/{number}\","
                      "status=\"200\",le=\"0.005\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ow_http_requests_total{method=\"GET\",route=\"/api/v1/cases/{number}\",status=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_EQ(count_of(text, "# TYPE ow_alerts_raised_total counter\n"), 1u);
  EXPECT_NE(text.find("ow_alerts_raised_total{kind=\"overdue\",level=\"red\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("ow_alerts_raised_total{kind=\"warning\",level=\"yellow\"} 2\n"), std::string::npos);
}

}  // namespace
}  // namespace ow::platform
