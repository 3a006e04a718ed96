// The clamd INSTREAM client against a fake clamd speaking the protocol on a Unix socket: the command, the
// length-prefixed chunks and the zero-length end arrive as clamd expects them; the EICAR string is reported,
// clean bytes pass; an unreachable or silent clamd is ScanUnavailable within the timeout.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "services/files/clamd_scanner.hpp"
#include "tests/support/fake_clamd.hpp"

using ow::files::ClamdSession;
using ow::files::ScanUnavailable;
using ow::testing::FakeClamd;
using ow::testing::kEicar;

TEST(ClamdScanner, CleanBytesPassAndTheProtocolIsClamds) {
  FakeClamd clamd;
  {
    ClamdSession s(clamd.path(), std::chrono::milliseconds(2000));
    s.send("%PDF-1.4 first chunk ");
    s.send("");  // nothing: must not end the stream early
    s.send("second chunk");
    const auto v = s.finish();
    EXPECT_TRUE(v.clean);
    EXPECT_TRUE(v.signature.empty());
  }
  EXPECT_EQ(clamd.command, std::string("zINSTREAM") + '\0');
  EXPECT_EQ(clamd.received, "%PDF-1.4 first chunk second chunk");
  EXPECT_EQ(clamd.chunks, 2);
}

TEST(ClamdScanner, TheEicarStringIsFoundEvenAcrossChunks) {
  FakeClamd clamd;
  ClamdSession s(clamd.path(), std::chrono::milliseconds(2000));
  s.send(kEicar.substr(0, 20));  // string_view halves
  s.send(kEicar.substr(20));
  const auto v = s.finish();
  EXPECT_FALSE(v.clean);
  EXPECT_EQ(v.signature, "Eicar-Test-Signature");
}

TEST(ClamdScanner, NoClamdOrASilentOneIsUnavailableWithinTheTimeout) {
  EXPECT_THROW(ClamdSession("/nonexistent/clamd.ctl", std::chrono::milliseconds(200)), ScanUnavailable);
  FakeClamd silent(true);
  const auto start = std::chrono::steady_clock::now();
  ClamdSession s(silent.path(), std::chrono::milliseconds(200));
  s.send("bytes");
  EXPECT_THROW(s.finish(), ScanUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(550));
}

TEST(ClamdScanner, AnswersAreParsed) {
  using ow::files::parse_clamd_answer;
  EXPECT_TRUE(parse_clamd_answer(std::string("stream: OK") + '\0').clean);
  EXPECT_EQ(parse_clamd_answer("stream: Win.Test.EICAR_HDB-1 FOUND\n").signature, "Win.Test.EICAR_HDB-1");
  EXPECT_THROW(parse_clamd_answer("INSTREAM size limit exceeded. ERROR"), ScanUnavailable);
  EXPECT_THROW(parse_clamd_answer(""), ScanUnavailable);
}
