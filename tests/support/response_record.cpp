// The e2e tests' record of the platform's answers (see the header).
#include "tests/support/response_record.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

namespace ow::testing {

namespace {

std::mutex mutex;
std::set<int>& recorded_ports() {
  static std::set<int> ports;
  return ports;
}

std::string record_file() {
  const char* env = std::getenv("OW_TESTENV");
  if (!env) return {};
  std::filesystem::path dir = std::filesystem::path(env) / "openapi-responses";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return {};
  return (dir / (std::to_string(::getpid()) + ".jsonl")).string();
}

std::string running_test() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? std::string(info->test_suite_name()) + "." + info->name() : std::string();
}

}  // namespace

void record_responses_of_port(int port) {
  std::lock_guard lock(mutex);
  recorded_ports().insert(port);
}

void record_response(int port, const std::string& method, const std::string& target, int status,
                     const std::map<std::string, std::string>& headers, const std::string& body) {
  std::lock_guard lock(mutex);
  if (status == 0 || !recorded_ports().contains(port)) return;
  static const std::string file = record_file();
  if (file.empty()) return;
  auto type = headers.find("content-type");
  std::string content_type = type == headers.end() ? std::string() : type->second;
  boost::json::object line{{"test", running_test()},
                           {"method", method},
                           {"target", target},
                           {"status", status},
                           {"content_type", content_type}};
  if (content_type.find("json") != std::string::npos) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(body, ec);
    if (ec)
      line["unparsable_body"] = body.substr(0, 200);
    else
      line["body"] = std::move(parsed);
  } else {
    line["body_bytes"] = body.size();
  }
  std::ofstream out(file, std::ios::app);
  out << boost::json::serialize(line) << '\n';
}

}  // namespace ow::testing
