// The platform serves the web console's built files at `/` (here a stand-in build): index.html revalidated,
// hashed assets cached for a year, client-side routes answered with index.html, the API untouched.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/http_client.hpp"
#include "tests/support/server_process.hpp"

using ow::testing::http_request;
namespace fs = std::filesystem;

TEST(ConsoleFiles, ServedWithTheRightCachingAndFallback) {
  const fs::path dist = fs::current_path() / ("console-dist-" + std::to_string(::getpid()));
  fs::create_directories(dist / "assets");
  std::ofstream(dist / "index.html") << "<!doctype html><title>一窗受理</title><div id=app></div>";
  std::ofstream(dist / "assets" / "index-3f2a9c.js") << "console.log('ow')";
  ow::testing::ServerProcess server("e2e_console", {{"OW_CONSOLE_DIR", dist.string()}});

  auto index = http_request(server.port(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("一窗受理"), std::string::npos);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");

  auto asset = http_request(server.port(), "GET", "/assets/index-3f2a9c.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.headers["cache-control"], "public, max-age=31536000, immutable");

  auto route = http_request(server.port(), "GET", "/clerk/workbench");  // a client-side route
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);

  EXPECT_EQ(http_request(server.port(), "GET", "/missing.png").status, 404);
  EXPECT_EQ(http_request(server.port(), "GET", "/assets/../../etc/passwd").status, 404);
  auto api = http_request(server.port(), "GET", "/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_TRUE(api.headers["content-type"].starts_with("application/problem+json"));
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);  // routes first
  EXPECT_EQ(server.terminate(), 0);
  fs::remove_all(dist);
}
