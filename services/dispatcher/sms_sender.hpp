// The SMS sender (dispatcher role, when sms.url is set): carries queued SMS notices (sms_messages) to the
// gateway. One thread of its own — never the event loop — claims due messages under a lease (any number of
// dispatchers share the queue), opens the case's sealed phone, posts each with the gateway's timeout and
// records the answer: sent; or retried with capped exponential backoff and jitter for sms.retry_minutes after
// it was queued (a gateway outage delays messages, loses none); a refusal (4xx) fails it at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "adapters/sms/sms_gateway.hpp"
#include "services/platform/metrics.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::dispatcher {

struct SmsSenderOptions {
  std::string owner = "sms";  // names this instance's leases
  int lease_seconds = 30;
  int batch = 20;
  std::chrono::milliseconds poll{1000};  // how often the queue is read while idle
  std::chrono::minutes retry_for{1440};  // then a message the gateway never took is marked failed
  std::chrono::milliseconds backoff_base{2000}, backoff_cap{300000};
};

class SmsSender {
 public:
  SmsSender(store::PgPool& pool, adapters::SmsGateway& gateway, platform::Metrics& metrics, SmsSenderOptions options);
  ~SmsSender();
  void start();
  void stop();  // finishes the message in flight
  // Sends what is due now; returns how many messages it tried (the loop's one round; tests call it).
  int send_due();

 private:
  void loop();

  store::PgPool& pool_;
  adapters::SmsGateway& gateway_;
  platform::Metrics& metrics_;
  SmsSenderOptions options_;
  std::mt19937_64 random_{std::random_device{}()};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ow::dispatcher
