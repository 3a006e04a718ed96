// The intake clients.
#include "tests/chaos/intake_load.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "tests/support/http_client.hpp"

namespace ow::chaos {

std::string failure_kind(const std::string& error) {
  std::string e = error;
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (e.find("refused") != std::string::npos) return "connection refused";
  if (e.find("reset") != std::string::npos) return "connection reset";
  if (e.find("timeout") != std::string::npos || e.find("timed out") != std::string::npos) return "timeout";
  if (e.find("end of stream") != std::string::npos || e.find("eof") != std::string::npos) return "closed";
  if (e.find("broken pipe") != std::string::npos) return "broken pipe";
  return "other (" + error.substr(0, 60) + ")";
}

IntakeLoad::IntakeLoad(int port, std::string token, std::string body, int clients, std::chrono::milliseconds think)
    : port_(port), token_(std::move(token)), body_(std::move(body)), clients_(clients), think_(think) {}

IntakeLoad::~IntakeLoad() { stop(std::chrono::seconds(0)); }

void IntakeLoad::start() {
  for (int i = 0; i < clients_; ++i) threads_.emplace_back([this, i] { client(i); });
}

void IntakeLoad::stop(std::chrono::seconds finish_within) {
  give_up_at_ = (Clock::now() + finish_within).time_since_epoch().count();
  stop_new_ = true;
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

std::vector<Attempt> IntakeLoad::attempts() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

std::vector<Intake> IntakeLoad::intakes() const {
  std::lock_guard lock(mutex_);
  return intakes_;
}

void IntakeLoad::client(int index) {
  for (int n = 0; !stop_new_; ++n) {
    Intake intake;
    intake.key = "chaos-" + std::to_string(index) + "-" + std::to_string(n);
    intake.first_try = Clock::now();
    std::size_t slot = 0;
    {
      std::lock_guard lock(mutex_);
      slot = intakes_.size();
      intakes_.push_back(intake);
    }
    // The same key until it is acknowledged (or the run's last grace has passed).
    while (Clock::now().time_since_epoch().count() < give_up_at_.load()) {
      Attempt a;
      a.client = index;
      a.key = intake.key;
      a.start = Clock::now();
      const auto r =
          ow::testing::http_request(port_, "POST", "/api/v1/cases", body_,
                                    {{"Authorization", "Bearer " + token_}, {"Idempotency-Key", intake.key}}, 5000);
      a.end = Clock::now();
      a.status = r.status;
      if (r.status == 0) a.failure = failure_kind(r.error);
      std::string number;
      if (r.status == 201) {
        try {
          number = std::string(boost::json::parse(r.body).at("number").as_string());
        } catch (const std::exception&) {
          a.failure = "201 without a case number";
        }
      }
      {
        std::lock_guard lock(mutex_);
        attempts_.push_back(a);
        auto& kept = intakes_[slot];
        ++kept.attempts;
        if (r.status == 201) {
          kept.acknowledged = true;
          kept.number = number;
          kept.acknowledged_at = a.end;
        }
      }
      if (r.status == 201) break;
      std::chrono::milliseconds pause(100);
      if (auto it = r.headers.find("retry-after"); it != r.headers.end()) {
        try {
          pause = std::chrono::milliseconds(std::stoi(it->second) * 1000);
        } catch (const std::exception&) {
        }
      }
      std::this_thread::sleep_for(std::clamp(pause, std::chrono::milliseconds(50), std::chrono::milliseconds(1000)));
    }
    std::this_thread::sleep_for(think_);
  }
}

}  // namespace ow::chaos
