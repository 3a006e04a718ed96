// W3C traceparent parsing and making, and the thread's current trace.
#include "services/platform/trace_context.hpp"

#include <sodium.h>

namespace ow::platform {
namespace {

thread_local std::optional<TraceContext> t_current;

bool lower_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool all_zero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

std::string random_hex(std::size_t bytes) {
  unsigned char raw[16];
  std::string hex;
  do {
    randombytes_buf(raw, bytes);
    char out[33];
    sodium_bin2hex(out, sizeof out, raw, bytes);
    hex = out;
  } while (all_zero(hex));
  return hex;
}

}  // namespace

std::optional<TraceContext> TraceContext::parse(std::string_view h) {
  if (h.size() < 55 || h[2] != '-' || h[35] != '-' || h[52] != '-') return std::nullopt;
  const auto version = h.substr(0, 2), trace = h.substr(3, 32), span = h.substr(36, 16), flags = h.substr(53, 2);
  if (!lower_hex(version) || version == "ff" || !lower_hex(trace) || !lower_hex(span) || !lower_hex(flags))
    return std::nullopt;
  if (version == "00" ? h.size() != 55 : (h.size() > 55 && h[55] != '-')) return std::nullopt;
  if (all_zero(trace) || all_zero(span)) return std::nullopt;
  return TraceContext{std::string(trace), std::string(span), std::string(flags)};
}

TraceContext TraceContext::start() { return TraceContext{random_hex(16), random_hex(8), "01"}; }

TraceContext TraceContext::child() const { return TraceContext{trace_id, random_hex(8), flags}; }

std::string TraceContext::header() const { return "00-" + trace_id + "-" + span_id + "-" + flags; }

const TraceContext* current_trace() { return t_current ? &*t_current : nullptr; }

TraceScope::TraceScope(TraceContext trace) : previous_(std::move(t_current)) { t_current = std::move(trace); }

TraceScope::~TraceScope() { t_current = std::move(previous_); }

}  // namespace ow::platform
