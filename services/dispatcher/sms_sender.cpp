// Sending queued SMS notices.
#include "services/dispatcher/sms_sender.hpp"

#include "services/casework/sms_notices.hpp"
#include "services/dispatcher/retry_policy.hpp"
#include "services/platform/log.hpp"
#include "services/store/case_store.hpp"
#include "services/store/sms_store.hpp"

namespace ow::dispatcher {

using platform::log;
using platform::LogLevel;

SmsSender::SmsSender(store::PgPool& pool, adapters::SmsGateway& gateway, platform::Metrics& metrics,
                     SmsSenderOptions options)
    : pool_(pool), gateway_(gateway), metrics_(metrics), options_(std::move(options)) {
  for (const char* outcome : {"sent", "retried", "failed"})
    metrics_.increment(std::string("ow_sms_total{outcome=\"") + outcome + "\"}", "SMS notices by outcome.", 0);
}

SmsSender::~SmsSender() { stop(); }

void SmsSender::start() {
  thread_ = std::thread([this] { loop(); });
}

void SmsSender::stop() {
  stopping_ = true;
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SmsSender::loop() {
  while (!stopping_) {
    int tried = 0;
    try {
      tried = send_due();
    } catch (const std::exception& e) {  // PostgreSQL away: the rows wait, their leases run out
      log(LogLevel::warn, "SMS sender could not read its queue", {{"error", e.what()}});
    }
    if (tried > 0) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
  }
}

int SmsSender::send_due() {
  const auto claims = pool_.transact(
      [&](store::Tx& tx) { return store::sms::claim(tx, options_.owner, options_.lease_seconds, options_.batch); });
  for (const auto& m : claims) {
    if (stopping_) break;  // the rest wait for their leases to run out
    // The phone is opened from the case's sealed record now; it is never kept beside the message.
    const std::string phone = pool_.transact([&](store::Tx& tx) {
      const auto c = store::cases::by_id(tx, m.case_id);
      return c ? casework::mobile_number(c->phone) : std::string();
    });
    adapters::HttpAnswer answer;
    Outcome outcome = Outcome::refused;
    if (phone.empty()) {
      answer.error = "the case has no mobile number any more";
    } else {
      answer = gateway_.send("ow-sms-" + std::to_string(m.id), phone, m.text);
      outcome = classify(answer);
    }
    const int attempts = m.attempts + 1;
    const bool failed = outcome == Outcome::refused ||
                        (outcome == Outcome::retryable && m.age_seconds >= double(options_.retry_for.count()) * 60);
    const std::string error = outcome == Outcome::delivered ? ""
                              : answer.status               ? "gateway answered " + std::to_string(answer.status)
                                                            : answer.error;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto delay = retry_delay(attempts, options_.backoff_base, options_.backoff_cap, unit(random_),
                                   std::chrono::seconds(std::max(0, answer.retry_after_seconds)));
    pool_.transact([&](store::Tx& tx) {
      if (outcome == Outcome::delivered)
        store::sms::sent(tx, m.id, options_.owner);
      else
        store::sms::retry(tx, m.id, options_.owner, double(delay.count()) / 1000.0, error, failed);
    });
    const char* result = outcome == Outcome::delivered ? "sent" : failed ? "failed" : "retried";
    metrics_.increment(std::string("ow_sms_total{outcome=\"") + result + "\"}", "SMS notices by outcome.");
    if (outcome != Outcome::delivered)
      log(failed ? LogLevel::error : LogLevel::warn, failed ? "SMS notice given up" : "SMS notice to be retried",
          {{"message", m.id}, {"attempts", attempts}, {"error", error}});
  }
  return static_cast<int>(claims.size());
}

}  // namespace ow::dispatcher
