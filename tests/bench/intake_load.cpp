// Load generator for the intake benchmark: N client threads POST complete 企业开办 applications (each with its
// own Idempotency-Key) to a running platform for a number of seconds; prints accepted cases per second and
// latency percentiles. Run by tests/bench/run_intake_bench (see BENCHMARKS.md), not by ctest.
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: intake_load PORT TOKEN SECONDS THREADS\n");
    return 2;
  }
  const int port = std::stoi(argv[1]);
  const std::string token = argv[2];
  const int seconds = std::stoi(argv[3]), threads = std::stoi(argv[4]);
  // The tests' complete 企业开办 application (both conditional steps), accepted at the window.
  const std::string body = boost::json::serialize(ow::testing::company_application(true, true));
  std::atomic<bool> go{true};
  std::atomic<long> ok{0}, failed{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(threads));
  std::vector<std::thread> pool;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      long n = 0;
      while (go) {
        const auto before = std::chrono::steady_clock::now();
        auto r = ow::testing::http_request(
            port, "POST", "/api/v1/cases", body,
            {{"Authorization", "Bearer " + token},
             {"Idempotency-Key", "bench-" + std::to_string(t) + "-" + std::to_string(n++) + "-" +
                                     std::to_string(start.time_since_epoch().count())}});
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count();
        if (r.status == 201) {
          ++ok;
          latencies[static_cast<std::size_t>(t)].push_back(ms);
        } else {
          if (failed++ == 0)
            std::fprintf(stderr, "first failure: %d %s%s\n", r.status, r.body.c_str(), r.error.c_str());
        }
      }
    });
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  go = false;
  for (auto& t : pool) t.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[static_cast<std::size_t>(p * static_cast<double>(all.size() - 1))];
  };
  std::printf(
      "accepted %ld cases in %.1f s with %d clients: %.1f cases/s; latency p50 %.1f ms, p99 %.1f ms; failures %ld\n",
      ok.load(), elapsed, threads, static_cast<double>(ok.load()) / elapsed, pct(0.5), pct(0.99), failed.load());
  return failed.load() == 0 ? 0 : 1;
}
