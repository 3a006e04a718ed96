// W3C Trace Context (traceparent: "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>"): taken from a request
// or made, carried through the outbox to the department push, and written into the log lines of the work it
// covers (log() adds trace_id and span_id while a TraceScope is open on the thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ow::platform {

struct TraceContext {
  std::string trace_id;  // 32 lowercase hex digits, not all zero
  std::string span_id;   // 16 lowercase hex digits, not all zero: this hop's span (the parent of the next hop)
  std::string flags = "01";

  // The header's context, or nullopt when it is not a valid traceparent (then a new trace is started).
  // Version 00 must be exactly 55 characters; a later version may carry more after a '-'; version ff is invalid.
  static std::optional<TraceContext> parse(std::string_view header);
  static TraceContext start();  // a new trace, sampled
  TraceContext child() const;   // the same trace, a new span id
  std::string header() const;   // "00-trace_id-span_id-flags"
};

// The trace of the work this thread does now, or nullptr.
const TraceContext* current_trace();

// Makes `trace` the thread's current trace until destroyed (then the previous one again).
class TraceScope {
 public:
  explicit TraceScope(TraceContext trace);
  ~TraceScope();
  TraceScope(const TraceScope&) = delete;
  TraceScope& operator=(const TraceScope&) = delete;

 private:
  std::optional<TraceContext> previous_;
};

}  // namespace ow::platform
