// The edge decoder: UTF-8 and control characters, path segments, query strings and JSON bodies.
#include "services/platform/edge_input.hpp"

#include <gtest/gtest.h>

#include "services/platform/problem.hpp"

using namespace ow::platform;

namespace {
std::string field_of(const Problem& p) {
  auto it = p.extra().find("field");
  return it == p.extra().end() ? "" : std::string(it->value().as_string());
}
}  // namespace

TEST(ValidText, AcceptsChineseAndRefusesBrokenOrControl) {
  EXPECT_TRUE(valid_text("企业开办 330106"));
  EXPECT_TRUE(valid_text("𠀀"));  // outside the BMP
  EXPECT_TRUE(valid_text(""));
  EXPECT_FALSE(valid_text(std::string("alice\0x", 7)));
  EXPECT_FALSE(valid_text("a\x01"));
  EXPECT_FALSE(valid_text("a\x7f"));
  EXPECT_FALSE(valid_text("\xc2\x85"));  // C1 NEL
  EXPECT_FALSE(valid_text("\xff"));
  EXPECT_FALSE(valid_text("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(valid_text("\xe0\x80\xaf"));      // overlong '/'
  EXPECT_FALSE(valid_text("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(valid_text("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid_text("\xe4\xb8"));          // truncated
  EXPECT_FALSE(valid_text("a\tb"));
  EXPECT_TRUE(valid_text("a\tb\nc", true));
  EXPECT_FALSE(valid_text("a\rb", true));
  EXPECT_FALSE(valid_text("\xe2\x80\xae"));  // U+202E right-to-left override
  EXPECT_FALSE(valid_text("\xe2\x81\xa6"));  // U+2066 left-to-right isolate
  EXPECT_FALSE(valid_text("\xe2\x80\xa8"));  // U+2028 line separator
  EXPECT_TRUE(valid_text("\xe2\x80\x94"));   // U+2014 em dash is fine
}

TEST(DecodePath, SplitsAndDecodesSegments) {
  auto p = decode_path("/api/v1/cases/XH01-1%20a");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.segments, (std::vector<std::string>{"api", "v1", "cases", "XH01-1 a"}));
  EXPECT_TRUE(decode_path("/").ok());
  EXPECT_TRUE(decode_path("/").segments.empty());
  EXPECT_EQ(decode_path("/a/").segments, std::vector<std::string>{"a"});
  EXPECT_EQ(decode_path("/%E4%B8%80").segments, std::vector<std::string>{"一"});
}

TEST(DecodePath, RefusesEveryEscape) {
  EXPECT_EQ(decode_path("//etc/hostname").fault, PathFault::empty_segment);
  EXPECT_EQ(decode_path("/a//b").fault, PathFault::empty_segment);
  EXPECT_EQ(decode_path("").fault, PathFault::empty_segment);
  EXPECT_EQ(decode_path("a/b").fault, PathFault::empty_segment);
  EXPECT_EQ(decode_path("/./a").fault, PathFault::dot_segment);
  EXPECT_EQ(decode_path("/a/..").fault, PathFault::dot_segment);
  EXPECT_EQ(decode_path("/%2e%2E/a").fault, PathFault::bad_escape);     // an escaped '.' is refused as such
  EXPECT_EQ(decode_path("/%61pi/v1/me").fault, PathFault::bad_escape);  // "/api/…" in disguise
  EXPECT_EQ(decode_path("/a%2Db").fault, PathFault::bad_escape);
  EXPECT_EQ(decode_path("/a%2fb").fault, PathFault::encoded_separator);
  EXPECT_EQ(decode_path("/a%5Cb").fault, PathFault::encoded_separator);
  EXPECT_EQ(decode_path("/a\\b").fault, PathFault::encoded_separator);
  EXPECT_EQ(decode_path("/a%00").fault, PathFault::bad_text);
  EXPECT_EQ(decode_path("/%ff").fault, PathFault::bad_text);
  EXPECT_EQ(decode_path("/a%2").fault, PathFault::bad_escape);
  EXPECT_EQ(decode_path("/a%zz").fault, PathFault::bad_escape);
  EXPECT_TRUE(decode_path("/a%00").segments.empty());
}

TEST(ParseQuery, DecodesAndNamesTheBadParameter) {
  auto q = parse_query("number=XH01&name=%E5%BC%A0+%E4%B8%89&empty=&flag");
  EXPECT_EQ(q["number"], "XH01");
  EXPECT_EQ(q["name"], "张 三");
  EXPECT_EQ(q["empty"], "");
  EXPECT_EQ(q.count("flag"), 1u);
  EXPECT_EQ(parse_query("a=1&a=2")["a"], "2");
  try {
    parse_query("ok=1&day=%ff");
    FAIL() << "invalid UTF-8 accepted";
  } catch (const Problem& p) {
    EXPECT_EQ(p.status(), 400u);
    EXPECT_EQ(p.code(), "invalid_text");
    EXPECT_EQ(field_of(p), "day");
  }
  EXPECT_THROW(parse_query("number=XH01%00zzz"), Problem);
  EXPECT_THROW(parse_query("n=%0a"), Problem);
  EXPECT_THROW(parse_query("n=%g1"), Problem);
  try {
    parse_query("%ff=1");
    FAIL();
  } catch (const Problem& p) {
    EXPECT_EQ(field_of(p), "query");
  }
}

TEST(ParseJsonObject, RefusesControlCharactersAndNamesTheMember) {
  auto o = parse_json_object(R"({"login":"alice","note":"第一行\n第二行\t完"})");
  EXPECT_EQ(o.at("login").as_string(), "alice");
  try {
    parse_json_object(R"({"login":"alice\u0000x"})");
    FAIL() << "NUL accepted";
  } catch (const Problem& p) {
    EXPECT_EQ(p.code(), "invalid_text");
    EXPECT_EQ(field_of(p), "login");
    EXPECT_EQ(p.detail().find("alice"), std::string::npos);  // the value is never echoed
  }
  try {
    parse_json_object(R"({"applicant":{"names":["a","b\u001bc"]}})");
    FAIL();
  } catch (const Problem& p) {
    EXPECT_EQ(field_of(p), "applicant.names[1]");
  }
  try {
    parse_json_object("{\"k\\u0000\":1}");
    FAIL();
  } catch (const Problem& p) {
    EXPECT_EQ(field_of(p), "body");
  }
  EXPECT_THROW(parse_json_object("{\"a\":\"\xff\"}"), Problem);  // invalid UTF-8 (Boost.JSON)
  EXPECT_THROW(parse_json_object("[1]"), Problem);
  EXPECT_THROW(parse_json_object("{"), Problem);
  try {
    parse_json_object("[]");
  } catch (const Problem& p) {
    EXPECT_EQ(p.code(), "malformed_json");
  }
}

// A 400's title names the field in Chinese (issue 17: errors a clerk can act on); the code stays stable.
TEST(Problems, ABadRequestTitleNamesTheFieldInChinese) {
  const auto p = ow::platform::problems::bad_request("contact_phone must be 11 digits", "contact_phone");
  EXPECT_EQ(p.code(), "invalid_request");
  EXPECT_EQ(p.title(), "「联系电话」未填写或有误");
  EXPECT_EQ(ow::platform::problems::bad_request("something else", "").title(), "请求参数有误");
}
