// Bounded fuzzing of the edges, run by ctest (label unit, ~2 s per target; OW_FUZZ_SECONDS=60 by hand): request
// paths and query strings, JSON request bodies through the intake parsers, the calendar and limit parsers, and
// signature verification. Each target states what must hold for every input: no crash or undefined behaviour
// (also run under ASan+UBSan by `ops/test --sanitize`), only the documented error type, and the output's
// invariants (decoded text is valid, a round trip gives back the input, a changed byte breaks a signature).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "adapters/department/signature.hpp"
#include "services/acceptance/intake_request.hpp"
#include "services/platform/edge_input.hpp"
#include "services/platform/problem.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "workflow/calendar/calendar_data.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/calendar/limit.hpp"
#include "workflow/calendar/office_hours.hpp"

using namespace ow;

TEST(Fuzz, PathDecoding) {
  fuzz::Budget b;
  const std::vector<std::string> seeds = {"/", "/api/v1/cases/XH01-20261127-0001", "/assets/index-3f2a.js",
                                          "/%E4%B8%80/a.txt", "/api/v1/tasks/12/claim"};
  while (b.more()) {
    const std::string in = b.rng()() % 2 ? fuzz::mutate(b.rng(), seeds[b.rng()() % seeds.size()])
                                         : "/" + fuzz::random_text(b.rng(), "abc/.%2fe5cA0-_", 40);
    const auto p = platform::decode_path(in);
    if (!p.ok()) {
      ASSERT_TRUE(p.segments.empty());
      continue;
    }
    for (const auto& s : p.segments) {
      ASSERT_FALSE(s.empty()) << in;
      ASSERT_NE(s, ".") << in;
      ASSERT_NE(s, "..") << in;
      ASSERT_EQ(s.find('/'), std::string::npos) << in;
      ASSERT_EQ(s.find('\\'), std::string::npos) << in;
      ASSERT_TRUE(platform::valid_text(s)) << in;
    }
  }
  fuzz::report("path", b);
}

TEST(Fuzz, QueryStrings) {
  fuzz::Budget b;
  const std::vector<std::string> seeds = {"number=XH01&code=ABCD-EFGH", "day=2026-11-27&limit=20&cursor=abc",
                                          "q=%E4%BC%81%E4%B8%9A"};
  while (b.more()) {
    const std::string in = b.rng()() % 2 ? fuzz::mutate(b.rng(), seeds[b.rng()() % seeds.size()])
                                         : fuzz::random_text(b.rng(), "ab=&%+2fe0", 40);
    try {
      for (const auto& [k, v] : platform::parse_query(in)) {
        ASSERT_TRUE(platform::valid_text(k)) << in;
        ASSERT_TRUE(platform::valid_text(v)) << in;
      }
    } catch (const platform::Problem& p) {
      ASSERT_EQ(p.status(), 400u);
      ASSERT_TRUE(p.extra().contains("field"));
    }
  }
  fuzz::report("query", b);
}

namespace {
void all_strings_valid(const boost::json::value& v) {
  if (v.is_string()) {
    ASSERT_TRUE(platform::valid_text(v.get_string(), true));
  }
  if (v.is_array())
    for (const auto& x : v.get_array()) all_strings_valid(x);
  if (v.is_object())
    for (const auto& m : v.get_object()) {
      ASSERT_TRUE(platform::valid_text(m.key()));
      all_strings_valid(m.value());
    }
}
}  // namespace

TEST(Fuzz, JsonBodiesThroughTheIntakeParsers) {
  fuzz::Budget b;
  const std::vector<std::string> seeds = {
      R"({"bundle":"QYKB","channel":"window","applicant":{"kind":"enterprise","name":"杭州某某科技有限公司","credit_code":"91330106MA2AXXXX0X"},)"
      R"("contact_phone":"13800000000","attributes":{"needs_invoice":true},"materials":[{"id":"m1","form":"original"}],)"
      R"("decision":{"kind":"accept_with_deferral","deferrals":[{"material":"m2","due_date":"2026-12-01"}]}})",
      R"({"bundle":"TXYJS","applicant":{"kind":"person","name":"李四","id_number":"11010519491231002X"},"contact_phone":"13812345678",)"
      R"("materials":[{"id":"id_card","form":"original"}],"decision":{"kind":"accept"}})",
      R"({"materials":[{"id":"m1","form":"copy"}],"decision":{"kind":"refuse","reason":"不符合条件","legal_basis":"第十条"}})",
      R"({"login":"alice","password":"secret"})", R"({"decision":{"kind":"supplement","missing":["m1","m2"]}})"};
  std::uint64_t accepted = 0;
  while (b.more()) {
    const std::string in = fuzz::mutate(b.rng(), seeds[b.rng()() % seeds.size()]);
    boost::json::object body;
    try {
      body = platform::parse_json_object(in);
    } catch (const platform::Problem& p) {
      ASSERT_EQ(p.status(), 400u);
      continue;
    }
    all_strings_valid(body);
    try {
      (void)acceptance::parse_intake_request(body);
      ++accepted;
    } catch (const platform::Problem& p) {
      ASSERT_EQ(p.status(), 400u) << in;
    }
    try {
      (void)acceptance::parse_decision_request(body);
    } catch (const platform::Problem& p) {
      ASSERT_EQ(p.status(), 400u) << in;
    }
  }
  fuzz::report("json", b);
  EXPECT_GT(accepted, 0u) << "the seeds should still parse sometimes";
}

TEST(Fuzz, CalendarAndLimitParsers) {
  fuzz::Budget b;
  const std::vector<std::string> limits = {"5wd", "0wd", "30d", "4wh", "120wm"};
  const std::vector<std::string> dates = {"2026-11-27", "2024-02-29", "2019-09-29"};
  const std::vector<std::string> instants = {"2019-09-27T16:00:00+08:00", "2026-11-27T21:09:00Z",
                                             "2026-01-01T00:00:00.123-05:30"};
  const std::vector<std::string> hours = {"09:00-12:00,13:30-17:30", "08:30-17:00"};
  const std::string csv = "date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-11,workday,国庆节\n";
  while (b.more()) {
    const auto pick = [&](const std::vector<std::string>& v) { return fuzz::mutate(b.rng(), v[b.rng()() % v.size()]); };
    try {
      const auto l = calendar::parse_limit(pick(limits));
      ASSERT_EQ(calendar::parse_limit(l.to_string()), l);
    } catch (const calendar::ParseError&) {
    }
    try {
      const std::string text = pick(dates);
      const auto d = calendar::parse_date(text);
      ASSERT_EQ(calendar::format_date(d), text);  // strict: what is accepted is written back the same
    } catch (const calendar::ParseError&) {
    }
    try {
      const auto t = calendar::parse_instant(pick(instants));
      ASSERT_EQ(calendar::parse_instant(calendar::format_instant(t)), t);
    } catch (const calendar::ParseError&) {
    }
    try {
      const auto h = calendar::OfficeHours::parse(pick(hours));
      ASSERT_GT(h.seconds_per_day(), 0);
      ASSERT_EQ(calendar::OfficeHours::parse(h.to_string()).to_string(), h.to_string());
    } catch (const calendar::ParseError&) {
    } catch (const std::invalid_argument&) {  // periods out of order or overlapping
    }
    const std::string file = fuzz::mutate(b.rng(), csv);
    try {
      (void)calendar::parse_calendar_csv(file);
    } catch (const calendar::ParseError&) {
    }
    (void)calendar::check_calendar_csv(file);  // reports, never throws
  }
  fuzz::report("calendar", b);
}

TEST(Fuzz, SignatureVerification) {
  fuzz::Budget b;
  while (b.more()) {
    const std::string secret = fuzz::random_text(b.rng(), "abcdef0123", 32);
    const std::string ts = std::to_string(1700000000 + static_cast<long long>(b.rng()() % 100000000));
    const std::string body = fuzz::random_text(b.rng(), "{}\":,abc中", 200);
    const std::string sig = adapters::sign(secret, ts, body);
    ASSERT_TRUE(adapters::signature_matches(secret, ts, body, sig));
    const std::string other_body = fuzz::mutate(b.rng(), body);
    if (other_body != body) {
      ASSERT_FALSE(adapters::signature_matches(secret, ts, other_body, sig));
    }
    const std::string other_sig = fuzz::mutate(b.rng(), sig);
    if (other_sig != sig) {
      ASSERT_FALSE(adapters::signature_matches(secret, ts, body, other_sig));
    }
    const std::string other_ts = fuzz::mutate(b.rng(), ts);
    if (other_ts != ts) {
      ASSERT_FALSE(adapters::signature_matches(secret, other_ts, body, sig));
    }
    (void)adapters::timestamp_fresh(fuzz::random_text(b.rng(), "0123456789-+ ", 24), 1700000000, 300);
  }
  fuzz::report("signature", b);
}
