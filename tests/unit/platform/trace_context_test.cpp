// W3C traceparent: which headers are taken (the specification's rules for version 00 and later versions), the
// spans made from them, and the thread's current trace that log lines and the outbox read.
#include <gtest/gtest.h>

#include <thread>

#include "services/platform/trace_context.hpp"

namespace ow::platform {
namespace {

const char* kValid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(TraceContext, ParsesAValidHeader) {
  const auto t = TraceContext::parse(kValid);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(t->span_id, "00f067aa0ba902b7");
  EXPECT_EQ(t->flags, "01");
  EXPECT_EQ(t->header(), kValid);
}

TEST(TraceContext, RefusesWhatTheSpecificationRefuses) {
  for (const char* bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",         // short
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",  // version 00 is exactly 55
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",        // upper case
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",        // zero trace id
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",        // zero parent id
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",        // version ff
           "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",        // separator
           "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",        // not hex
           "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",       // later version: '-' after 55
       })
    EXPECT_FALSE(TraceContext::parse(bad)) << bad;
  // A later version is read by its version 00 fields.
  const auto later = TraceContext::parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes");
  ASSERT_TRUE(later);
  EXPECT_EQ(later->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(TraceContext, AChildKeepsTheTraceWithANewSpan) {
  const auto parent = *TraceContext::parse(kValid);
  const auto child = parent.child();
  EXPECT_EQ(child.trace_id, parent.trace_id);
  EXPECT_NE(child.span_id, parent.span_id);
  EXPECT_EQ(child.span_id.size(), 16u);
  ASSERT_TRUE(TraceContext::parse(child.header()));
  const auto fresh = TraceContext::start();
  EXPECT_EQ(fresh.trace_id.size(), 32u);
  EXPECT_NE(fresh.trace_id, parent.trace_id);
  EXPECT_TRUE(TraceContext::parse(fresh.header()));
}

TEST(TraceContext, TheCurrentTraceIsPerThreadAndScoped) {
  EXPECT_EQ(current_trace(), nullptr);
  {
    const TraceScope outer(*TraceContext::parse(kValid));
    ASSERT_NE(current_trace(), nullptr);
    EXPECT_EQ(current_trace()->span_id, "00f067aa0ba902b7");
    std::thread([] { EXPECT_EQ(current_trace(), nullptr); }).join();
    {
      const TraceScope inner(current_trace()->child());
      EXPECT_NE(current_trace()->span_id, "00f067aa0ba902b7");
    }
    EXPECT_EQ(current_trace()->span_id, "00f067aa0ba902b7");
  }
  EXPECT_EQ(current_trace(), nullptr);
}

}  // namespace
}  // namespace ow::platform
