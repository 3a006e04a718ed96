// Fetching a task's material links and recording what came.
#include "adapters/simulator/material_fetcher.hpp"

#include <sodium.h>

#include <boost/json.hpp>
#include <iostream>

namespace ow::simulator {
namespace {

namespace json = boost::json;

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

void MaterialFetcher::fetch_all(const std::string& department, const std::string& api_key, const json::value& task) {
  const auto& t = task.as_object();
  const auto* files = t.if_contains("material_files");
  if (!files || !files->is_array()) return;
  for (const auto& entry : files->as_array()) {
    const auto& f = entry.as_object();
    const std::string url = text(f, "url");
    MaterialFetch m;
    m.department = department;
    m.case_number = text(t, "case_number");
    m.step = text(t, "step");
    m.material = text(f, "material");
    m.file_name = text(f, "file_name");
    const auto answer = client_.get(url.starts_with("/") ? platform_url_ + url : url, {{"X-Api-Key", api_key}},
                                    std::chrono::milliseconds(2000), std::chrono::milliseconds(10000));
    m.status = answer.status;
    if (answer.status == 200) {
      m.sha256 = sha256_hex(answer.body);
      m.size_bytes = static_cast<std::int64_t>(answer.body.size());
      const auto* size = f.if_contains("size_bytes");
      m.matches = m.sha256 == text(f, "sha256") && size && size->is_int64() && size->as_int64() == m.size_bytes;
    } else {
      std::cerr << "material link of " << m.case_number << " answered " << answer.status << "\n";
    }
    std::lock_guard lock(mutex_);
    fetched_.push_back(std::move(m));
  }
}

json::array MaterialFetcher::fetched() {
  std::lock_guard lock(mutex_);
  json::array out;
  for (const auto& m : fetched_)
    out.push_back(json::object{{"department", m.department},
                               {"case_number", m.case_number},
                               {"step", m.step},
                               {"material", m.material},
                               {"file_name", m.file_name},
                               {"status", m.status},
                               {"sha256", m.sha256},
                               {"size_bytes", m.size_bytes},
                               {"matches", m.matches}});
  return out;
}

}  // namespace ow::simulator
