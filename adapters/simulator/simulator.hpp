// The department simulator (`onewindow-dept-sim`): the department side of the push protocol for the demo
// and the tests. Serves one or more departments on 127.0.0.1: checks each push's signature, deduplicates
// by idempotency key (counting the duplicates it saw), answers, and after a delay calls the platform back
// with `received` and a decision drawn with the configured probabilities (seeded, so reproducible).
// Failure injection: an error rate, slow answers, and down windows (set at start or through /_control).
// Also serves the demo e-license library (GET /elicenses?type=&holder=).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "adapters/department/http_client.hpp"
#include "adapters/elicense/elicense_lookup.hpp"

namespace ow::simulator {

struct SimDepartment {
  std::string code, secret, api_key;
};

struct SimOptions {
  std::string platform_url;  // where callbacks go, e.g. http://127.0.0.1:8080
  std::vector<SimDepartment> departments;
  std::uint64_t seed = 1;
  std::chrono::milliseconds decision_delay{200};
  double approve_probability = 1.0;   // else rejected
  double error_rate = 0.0;            // share of pushes answered 503
  std::chrono::milliseconds slow{0};  // added before every answer
  std::set<std::string> manual;       // departments that take pushes but never call back (tests send the events)
};

class Simulator {
 public:
  explicit Simulator(SimOptions options);
  // Listens on 127.0.0.1:port (0: any free port); returns the port. Serves until the process ends.
  unsigned short listen(unsigned short port);
  void serve();  // blocks

 private:
  struct Answer {
    int status;
    std::string body;
  };
  Answer handle(const std::string& method, const std::string& target, const std::map<std::string, std::string>& headers,
                const std::string& body);
  Answer push(const SimDepartment& d, const std::string& kind, const std::map<std::string, std::string>& headers,
              const std::string& body);
  void decide_later(SimDepartment d, std::string key, std::string number, std::string step);
  void call_back(const SimDepartment& d, const std::string& event_id, const std::string& body);
  bool down(const std::string& code);
  bool refusing(const std::string& code);

  SimOptions options_;
  adapters::HttpClient client_;
  adapters::DemoELicenseRegistry registry_;
  std::mutex mutex_;
  std::mt19937_64 random_;
  std::set<std::string> seen_;  // idempotency keys, per department "CODE|key"
  std::map<std::string, int> received_, duplicates_, refused_, errors_;
  std::map<std::string, std::chrono::steady_clock::time_point> down_until_, refuse_until_;
  int listen_fd_ = -1;
  struct Acceptor;
  std::shared_ptr<Acceptor> acceptor_;
};

}  // namespace ow::simulator
