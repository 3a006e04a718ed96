// JSON-lines logger.
#include "services/platform/log.hpp"

#include "services/platform/trace_context.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>

#include <boost/json/serialize.hpp>

namespace ow::platform {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::info)};
std::mutex g_mutex;
const char* names[] = {"debug", "info", "warn", "error"};

std::string now_utc() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}
}  // namespace

void set_log_level(LogLevel level) { g_level = static_cast<int>(level); }

LogLevel parse_log_level(std::string_view text) {
  for (int i = 0; i < 4; ++i)
    if (text == names[i]) return static_cast<LogLevel>(i);
  throw std::invalid_argument("log.level must be debug, info, warn or error");
}

void log(LogLevel level, std::string_view message, boost::json::object fields) {
  if (static_cast<int>(level) < g_level) return;
  boost::json::object line;
  line["ts"] = now_utc();
  line["level"] = names[static_cast<int>(level)];
  line["msg"] = message;
  if (const TraceContext* trace = current_trace()) {
    line["trace_id"] = trace->trace_id;
    line["span_id"] = trace->span_id;
  }
  for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
  std::string text = boost::json::serialize(line);
  text += '\n';
  std::lock_guard lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace ow::platform
