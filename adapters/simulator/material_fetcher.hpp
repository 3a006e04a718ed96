// The simulated department fetching the documents of a task it received: each material link of the push
// (material_files[].url, relative to the platform) is fetched with the department's API key, and what came back
// is recorded — the answer's status, the bytes' SHA-256 and size, and whether they are the bytes the push named —
// for the tests to read (GET /_material_fetches).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/department/http_client.hpp"

namespace ow::simulator {

struct MaterialFetch {
  std::string department, case_number, step, material, file_name;
  int status = 0;  // the platform's answer (0: none)
  std::string sha256;
  std::int64_t size_bytes = 0;
  bool matches = false;  // the SHA-256 and size the push announced
};

class MaterialFetcher {
 public:
  explicit MaterialFetcher(std::string platform_url) : platform_url_(std::move(platform_url)) {}

  // Fetches every link of the task payload `task` with `api_key` (blocking: call it from a thread of its own).
  void fetch_all(const std::string& department, const std::string& api_key, const boost::json::value& task);
  // What was fetched so far, oldest first.
  boost::json::array fetched();

 private:
  std::string platform_url_;
  adapters::HttpClient client_;
  std::mutex mutex_;
  std::vector<MaterialFetch> fetched_;
};

}  // namespace ow::simulator
