// Accept → dispatched latency (issue 23, goal 2): posts 企业开办 intakes at a steady rate (open loop: each
// thread sends on its own schedule, not when the last answer came) for a number of seconds, notes when each
// 201 arrived, then asks the department simulator when each case's first push (registration, to 市场监管)
// arrived, and prints p50/p90/p99/max of the difference (both clocks are this machine's wall clock), and the
// intake's own latency at that rate, measured from each request's scheduled send.
// Run by tests/bench/run_dispatch_latency (see BENCHMARKS.md), not by ctest.
//   dispatch_latency PORT TOKEN SECONDS RATE SIM_PORT    (SIM_PORT 0: intake latency only, nothing dispatched)
//   OW_BENCH_SLOW_MS=N: also prints (stderr) when each intake that took N ms or more was due, in Unix seconds.
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"

namespace json = boost::json;

namespace {
std::int64_t wall_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: dispatch_latency PORT TOKEN SECONDS RATE SIM_PORT\n");
    return 2;
  }
  const int port = std::stoi(argv[1]), seconds = std::stoi(argv[3]), sim_port = std::stoi(argv[5]);
  const std::string token = argv[2];
  const double rate = std::stod(argv[4]);
  // The tests' complete 企业开办 application (both conditional steps), accepted at the window.
  const std::string body = boost::json::serialize(ow::testing::company_application(true, true));
  const int threads = 8;
  const char* slow_env = std::getenv("OW_BENCH_SLOW_MS");
  const double slow_ms = slow_env ? std::atof(slow_env) : 0.0;
  const auto interval = std::chrono::duration<double>(static_cast<double>(threads) / rate);
  std::mutex mutex;
  std::map<std::string, std::int64_t> accepted_at;  // case number → when its 201 arrived
  // Intake latency from when each request was due to be sent (not when it was sent: a server that falls
  // behind delays later sends, and that delay is latency too — no coordinated omission).
  std::vector<double> intake_ms;
  std::atomic<long> failed{0}, late{0};
  const auto start = std::chrono::steady_clock::now(), end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      auto next = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval * t / threads);
      for (long n = 0; next < end;
           ++n, next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval)) {
        std::this_thread::sleep_until(next);
        if (std::chrono::steady_clock::now() - next > interval) ++late;  // the server could not keep the pace
        auto r =
            ow::testing::http_request(port, "POST", "/api/v1/cases", body,
                                      {{"Authorization", "Bearer " + token},
                                       {"Idempotency-Key", "lat-" + std::to_string(t) + "-" + std::to_string(n) + "-" +
                                                               std::to_string(start.time_since_epoch().count())}});
        const std::int64_t at = wall_us();
        const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - next).count();
        if (slow_ms > 0 && took >= slow_ms)  // OW_BENCH_SLOW_MS: when each slow intake was due (to find stalls)
          std::fprintf(stderr, "slow intake: due at %.3f, took %.1f ms\n",
                       static_cast<double>(at) / 1e6 - took / 1000.0, took);
        if (r.status != 201) {
          if (failed++ == 0)
            std::fprintf(stderr, "first failure: %d %s%s\n", r.status, r.body.c_str(), r.error.c_str());
          continue;
        }
        const std::string number(json::parse(r.body).at("number").as_string());
        std::lock_guard lock(mutex);
        accepted_at[number] = at;
        intake_ms.push_back(took);
      }
    });
  for (auto& t : pool) t.join();
  std::vector<double> ms;
  if (sim_port != 0) {
    std::this_thread::sleep_for(std::chrono::seconds(3));  // the last pushes land
    const auto receipts = ow::testing::http_request(sim_port, "GET", "/_receipts", {}, {}, 30000);
    const json::value received = json::parse(receipts.body);  // kept alive while iterating
    for (const auto& r : received.as_array()) {
      if (r.at("department").as_string() != "SCJG") continue;
      auto it = accepted_at.find(std::string(r.at("case_number").as_string()));
      if (it == accepted_at.end()) continue;
      ms.push_back(static_cast<double>(r.at("at_us").as_int64() - it->second) / 1000.0);
    }
  }
  std::sort(ms.begin(), ms.end());
  std::sort(intake_ms.begin(), intake_ms.end());
  auto pct_of = [](const std::vector<double>& v, double p) {
    return v.empty() ? 0.0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
  };
  auto pct = [&](double p) { return pct_of(ms, p); };
  if (sim_port != 0)
    std::printf(
        "offered %.1f cases/s for %d s: %zu accepted, %zu pushes matched, %ld failures, %ld sends late; accept → "
        "dispatched p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        rate, seconds, accepted_at.size(), ms.size(), failed.load(), late.load(), pct(0.5), pct(0.9), pct(0.99),
        ms.empty() ? 0.0 : ms.back());
  else
    std::printf("offered %.1f cases/s for %d s: %zu accepted, %ld failures, %ld sends late (nothing dispatched)\n",
                rate, seconds, accepted_at.size(), failed.load(), late.load());
  std::printf(
      "intake at that rate (from each request's scheduled send): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      pct_of(intake_ms, 0.5), pct_of(intake_ms, 0.9), pct_of(intake_ms, 0.99),
      intake_ms.empty() ? 0.0 : intake_ms.back());
  return failed.load() == 0 && (sim_port == 0 || ms.size() == accepted_at.size()) ? 0 : 1;
}
