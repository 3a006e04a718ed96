// The department simulator (`onewindow-dept-sim`): the department side of the push protocol for the demo
// and the tests. Serves one or more departments on 127.0.0.1: checks each push's signature, deduplicates
// by idempotency key (counting the duplicates it saw), answers, and after a delay calls the platform back
// with `received` and a decision drawn with the configured probabilities (seeded, so reproducible).
// Failure injection: an error rate, slow answers, and down, refusing and slow windows per department (set at
// start or through /_control). A callback the platform does not take is retried with capped exponential
// backoff (honouring Retry-After) for as long as a department's system would keep it (callback_retry_for).
// Also serves the demo e-license library (GET /elicenses?type=&holder=), the demo credit registry (POST
// /credit-checks, /credit-entries; "CREDIT" in a /_control down window silences it; GET /credit-entries lists the
// entries received, for the tests), with a hotline identity plays
// the 12345 hotline system (hotline_sender.hpp), and with an OpenID Connect client the identity provider
// applicants sign in with (identity_provider.hpp, under /oidc/). A department fetches the material links of
// each task it receives with its API key (material_fetcher.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <optional>
#include "adapters/credit/credit_lookup.hpp"
#include "adapters/department/http_client.hpp"
#include "adapters/elicense/elicense_lookup.hpp"
#include "adapters/simulator/hotline_sender.hpp"
#include "adapters/simulator/identity_provider.hpp"
#include "adapters/simulator/later.hpp"
#include "adapters/simulator/material_fetcher.hpp"
#include "adapters/simulator/sms_gateway_sim.hpp"

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
  std::chrono::milliseconds callback_backoff_cap{60000};   // longest wait between two tries of one callback
  std::chrono::milliseconds callback_retry_for{86400000};  // then the callback is given up (logged and counted)
  std::optional<HotlineIdentity> hotline;                  // plays the 12345 hotline too (POST /_hotline/tickets)
  std::optional<OidcClient> oidc;                          // plays the identity provider too (/oidc/)
  std::optional<std::string> sms_secret;                   // plays the SMS gateway too (sms_gateway_sim.hpp)
};

// How long to wait before try `attempt + 1` of a callback (attempt ≥ 1): 500 ms doubling up to `cap`, or the
// platform's Retry-After when it gave one (still capped).
std::chrono::milliseconds callback_delay(int attempt, std::chrono::milliseconds cap,
                                         std::chrono::milliseconds retry_after = std::chrono::milliseconds(0));
// Whether an answer to a callback means "try again later": no answer, 5xx, 408, 429, or 409 with Retry-After
// (the platform was applying the same event at that moment).
bool callback_retryable(int status, bool has_retry_after);

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
    std::string content_type = "application/json", location = {};
  };
  Answer handle(const std::string& method, const std::string& target, const std::map<std::string, std::string>& headers,
                const std::string& body);
  Answer push(const SimDepartment& d, const std::string& kind, const std::map<std::string, std::string>& headers,
              const std::string& body);
  // The department's decision on a task it received (drawn with approve_probability), sent as a callback.
  // `traceparent`: the push's W3C trace context; the department's callbacks continue it (the push is their parent).
  void decide(const SimDepartment& d, const std::string& key, const std::string& number, const std::string& step,
              const std::string& traceparent);
  struct PendingCallback {
    SimDepartment department;
    std::string event_id, body, traceparent;
    std::function<void()> then;  // run once the callback is taken, refused or given up
    Later::Clock::time_point give_up_at;
    int attempt = 1;
  };
  // Sends a callback; `then` runs once it is settled (taken, refused for good, or given up).
  void call_back(const SimDepartment& d, const std::string& event_id, const std::string& body,
                 const std::string& traceparent, std::function<void()> then);
  void try_call_back(PendingCallback c);  // one try; queues the next on later_ when the answer says "later"
  bool down(const std::string& code);
  bool refusing(const std::string& code);
  std::chrono::milliseconds slowness(const std::string& code);

  SimOptions options_;
  adapters::HttpClient client_;
  adapters::DemoELicenseRegistry registry_;
  adapters::DemoCreditRegistry credit_;  // the demo credit registry (POST /credit-checks, /credit-entries)
  std::vector<adapters::CreditEntry> credit_entries_;  // as received, for GET /credit-entries (guarded by mutex_)
  std::set<std::string> credit_entry_keys_;            // their Idempotency-Keys: a repeat is recorded once
  std::mutex mutex_;
  std::mt19937_64 random_;
  std::set<std::string> seen_;  // idempotency keys, per department "CODE|key"
  std::map<std::string, int> received_, duplicates_, refused_, errors_;
  std::map<std::string, int> callbacks_pending_, callbacks_given_up_;
  struct Receipt {
    std::string department, case_number, step;
    std::int64_t at_us;
    std::string traceparent;  // the push's W3C trace context header, as received
  };
  std::vector<Receipt> receipts_;
  int tickets_sent_ = 0;  // first arrival of each task push
  std::map<std::string, std::chrono::steady_clock::time_point> down_until_, refuse_until_, slow_until_;
  std::map<std::string, std::chrono::milliseconds> slow_by_;
  int listen_fd_ = -1;
  struct Acceptor;
  std::shared_ptr<Acceptor> acceptor_;
  std::unique_ptr<SmsGatewaySim> sms_;     // with options_.sms_secret
  std::unique_ptr<IdentityProvider> idp_;  // made by listen(), once the issuer's port is known
  MaterialFetcher fetcher_;                // fetches each received task's material links (GET /_material_fetches)
  Later later_{32};  // material fetches and callbacks (last: its workers stop before the members they use go)
};

}  // namespace ow::simulator
