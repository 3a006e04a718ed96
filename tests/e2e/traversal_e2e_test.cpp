// Path traversal against the running binary: every way out of the console folder answers 404 and never the file's
// content; `/` still serves the console, and the API answers a bad path with 400 problem+json.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
namespace fs = std::filesystem;

namespace {
const char* kMarker = "OW-TRAVERSAL-SECRET-4711";
}

TEST(Traversal, EveryEscapeFromTheConsoleFolderIs404) {
  const fs::path root = fs::current_path() / ("traversal-" + std::to_string(::getpid()));
  const fs::path dist = root / "dist";
  fs::create_directories(dist / "assets");
  std::ofstream(dist / "index.html") << "<!doctype html><title>一窗受理</title>";
  std::ofstream(dist / "assets" / "app.js") << "console.log('ow')";
  std::ofstream(root / "secret.txt") << kMarker;
  fs::create_symlink(root / "secret.txt", dist / "leak.txt");  // a file link pointing out
  fs::create_directory_symlink(root, dist / "up");             // a folder link pointing out
  ow::testing::ServerProcess server("e2e_traversal", {{"OW_CONSOLE_DIR", dist.string()}});
  const std::string secret = (root / "secret.txt").string();

  struct Case {
    const char* why;
    std::string target;
  };
  const std::vector<Case> table = {
      {"double slash: absolute path", "/" + secret},
      {"double slash inside", "/assets//app.js"},
      {"dot segment", "/./index.html"},
      {"dot-dot segment", "/assets/../../secret.txt"},
      {"encoded dot-dot", "/%2e%2e/secret.txt"},
      {"encoded dot-dot, mixed case", "/assets/%2E%2e/%2e%2E/secret.txt"},
      {"encoded slash", "/%2f" + secret.substr(1)},
      {"encoded slash inside a segment", "/assets%2f..%2f..%2fsecret.txt"},
      {"backslash", "/..%5csecret.txt"},
      {"raw backslash", "/..\\secret.txt"},
      {"NUL", "/index.html%00.txt"},
      {"bad escape", "/%zz.txt"},
      {"invalid UTF-8", "/%ff%fe.txt"},
      {"symlink to a file outside", "/leak.txt"},
      {"symlink to a folder outside", "/up/secret.txt"},
      {"hidden file", "/.env"},
  };
  for (const auto& c : table) {
    auto r = http_request(server.port(), "GET", c.target);
    EXPECT_EQ(r.status, 404) << c.why << ": " << c.target;
    EXPECT_EQ(r.body.find(kMarker), std::string::npos) << c.why;
  }

  auto index = http_request(server.port(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("一窗受理"), std::string::npos);
  EXPECT_NE(index.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(index.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(index.headers["referrer-policy"], "no-referrer");
  EXPECT_EQ(http_request(server.port(), "GET", "/assets/app.js").status, 200);

  // The API: a bad path is a named client error, not a file lookup.
  auto api = http_request(server.port(), "GET", "/api/v1/cases/%2e%2e");
  EXPECT_EQ(api.status, 400);
  EXPECT_NE(api.body.find("\"code\":\"invalid_path\""), std::string::npos);
  EXPECT_NE(api.body.find("\"field\":\"path\""), std::string::npos);
  EXPECT_EQ(api.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(server.terminate(), 0);
  fs::remove_all(root);
}
