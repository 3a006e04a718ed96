// Structured logging: one JSON object per line on stderr. Never pass passwords, tokens or full ID numbers.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

namespace ow::platform {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

void set_log_level(LogLevel level);
LogLevel parse_log_level(std::string_view text);  // throws std::invalid_argument
// Writes {"ts":…, "level":…, "msg":…, …fields} when level is at or above the threshold, with "trace_id" and
// "span_id" while the thread has a current trace (trace_context.hpp). Thread-safe.
void log(LogLevel level, std::string_view message, boost::json::object fields = {});

}  // namespace ow::platform
