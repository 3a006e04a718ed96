// Material file load (issue 20's benchmark): each client accepts one 企业开办 case, uploads distinct 2 MB PDF
// scans to it, then reads every one back — uploads and reads spread round robin over several platform
// instances sharing one PostgreSQL (a file uploaded through one instance is read through the next). Prints
// files/s, MB/s and the client's p50/p99 for each phase; every read is checked against the bytes sent.
//   files_load PORT[,PORT…] TOKEN FILES_PER_CLIENT CLIENTS [MEGABYTES]
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/fixtures.hpp"
#include "tests/support/http_client.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// A one-page PDF of `bytes` bytes whose padding is random (so no two files are stored as one).
std::string scan(std::size_t bytes, std::mt19937_64& random) {
  std::string pdf =
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n%";
  const std::string tail = "\n%%EOF\n";
  while (pdf.size() + tail.size() < bytes) pdf.push_back(static_cast<char>('a' + random() % 26));
  return pdf + tail;
}

struct Phase {
  std::vector<double> ms;
  std::atomic<long> failed{0};
  double seconds = 0;
  void report(const char* what, std::size_t bytes) {
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[static_cast<std::size_t>(p * double(ms.size() - 1))]; };
    const double n = double(ms.size());
    std::printf(
        "%s %zu files of %.1f MB in %.1f s: %.1f files/s, %.1f MB/s; latency p50 %.1f ms, p99 %.1f ms; "
        "failures %ld\n",
        what, ms.size(), double(bytes) / (1 << 20), seconds, n / seconds, n * double(bytes) / (1 << 20) / seconds,
        pct(0.5), pct(0.99), failed.load());
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: files_load PORT[,PORT…] TOKEN FILES_PER_CLIENT CLIENTS [MEGABYTES]\n");
    return 2;
  }
  std::vector<int> ports;
  std::stringstream list(argv[1]);
  for (std::string p; std::getline(list, p, ',');) ports.push_back(std::stoi(p));
  const std::string token = argv[2];
  const int files = std::stoi(argv[3]), clients = std::stoi(argv[4]);
  const std::size_t bytes = std::size_t(argc > 5 ? std::stod(argv[5]) * (1 << 20) : 2 << 20);
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + token}};
  const std::string application = boost::json::serialize(ow::testing::company_application(true, true));
  const auto run = std::to_string(Clock::now().time_since_epoch().count());

  // Each client's case and its scans, made before the clock starts.
  std::vector<std::string> numbers(std::size_t(clients), "");
  std::vector<std::vector<std::string>> scans(static_cast<std::size_t>(clients));
  std::mt19937_64 random(std::random_device{}());
  for (int c = 0; c < clients; ++c) {
    auto headers = auth;
    headers["Idempotency-Key"] = "files-bench-" + run + "-" + std::to_string(c);
    const auto r = ow::testing::http_request(ports[0], "POST", "/api/v1/cases", application, headers);
    if (r.status != 201) {
      std::fprintf(stderr, "could not accept a case: %d %s\n", r.status, r.body.c_str());
      return 1;
    }
    numbers[std::size_t(c)] = std::string(boost::json::parse(r.body).at("number").as_string());
    for (int f = 0; f < files; ++f) scans[std::size_t(c)].push_back(scan(bytes, random));
  }

  std::vector<std::vector<std::int64_t>> ids(static_cast<std::size_t>(clients));
  auto phase = [&](Phase& p, bool upload) {
    std::vector<std::vector<double>> ms(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int c = 0; c < clients; ++c)
      threads.emplace_back([&, c] {
        const auto i = std::size_t(c);
        for (int f = 0; f < files; ++f) {
          const int port = ports[std::size_t(c + f + (upload ? 0 : 1)) % ports.size()];
          const auto before = Clock::now();
          const auto r = upload ? ow::testing::http_request(port, "POST",
                                                            "/api/v1/cases/" + numbers[i] +
                                                                "/materials/premises_proof/files?name=scan" +
                                                                std::to_string(f) + ".pdf",
                                                            scans[i][std::size_t(f)], auth, 60000)
                                : ow::testing::http_request(port, "GET",
                                                            "/api/v1/cases/" + numbers[i] + "/files/" +
                                                                std::to_string(ids[i][std::size_t(f)]),
                                                            {}, auth, 60000);
          const double took = std::chrono::duration<double, std::milli>(Clock::now() - before).count();
          const bool good = upload ? r.status == 201 : r.status == 200 && r.body == scans[i][std::size_t(f)];
          if (!good) {
            if (p.failed++ == 0)
              std::fprintf(stderr, "first failure: %d %.200s%s\n", r.status, r.body.c_str(), r.error.c_str());
            if (upload) return;
            continue;
          }
          if (upload) ids[i].push_back(boost::json::parse(r.body).at("id").as_int64());
          ms[i].push_back(took);
        }
      });
    for (auto& t : threads) t.join();
    p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (auto& m : ms) p.ms.insert(p.ms.end(), m.begin(), m.end());
  };
  Phase up, down;
  phase(up, true);
  up.report("uploaded", bytes);
  phase(down, false);
  down.report("read back", bytes);
  return up.failed || down.failed ? 1 : 0;
}
