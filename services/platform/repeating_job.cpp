// The repeating job's thread: run, then sleep in short steps so that stop() is heard.
#include "services/platform/repeating_job.hpp"

#include "services/platform/log.hpp"

namespace ow::platform {

void RepeatingJob::start(std::chrono::milliseconds every) {
  thread_ = std::thread([this, every] {
    while (!stopping_) {
      try {
        job_();
      } catch (const std::exception& e) {
        log(LogLevel::warn, what_ + " failed; retrying later", {{"error", e.what()}});
      }
      for (auto waited = std::chrono::milliseconds(0); waited < every && !stopping_;
           waited += std::chrono::milliseconds(100))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
}

void RepeatingJob::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace ow::platform
