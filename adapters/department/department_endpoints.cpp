// Reading config/departments.yaml.
#include "adapters/department/department_endpoints.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

namespace ow::adapters {
namespace {

std::string expand(const std::string& text, const Getenv& getenv, const std::string& where) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "${") == 0) {
      const auto end = text.find('}', i);
      if (end == std::string::npos) throw EndpointError(where + ": unterminated ${ in '" + text + "'");
      const std::string name = text.substr(i + 2, end - i - 2);
      const char* value = getenv(name.c_str());
      if (!value || !*value) throw EndpointError(where + ": environment variable " + name + " is not set");
      out += value;
      i = end + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

template <class T>
T number(const YAML::Node& n, const char* key, T fallback, const std::string& where) {
  if (!n[key]) return fallback;
  try {
    const T v = n[key].as<T>();
    if (v < 0) throw EndpointError(where + ": " + key + " must not be negative");
    return v;
  } catch (const YAML::Exception&) {
    throw EndpointError(where + ": " + key + " must be a number");
  }
}

}  // namespace

std::map<std::string, DepartmentEndpoint> load_department_endpoints(const std::filesystem::path& file,
                                                                    const Getenv& getenv,
                                                                    std::vector<std::string>* unreachable) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw EndpointError(file.string() + ": " + e.what());
  }
  std::map<std::string, DepartmentEndpoint> out;
  for (const auto& n : root["departments"]) {
    DepartmentEndpoint d;
    d.code = n["code"].as<std::string>("");
    const std::string where = file.filename().string() + " department '" + d.code + "'";
    if (d.code.empty()) throw EndpointError(file.string() + ": a department without a code");
    try {
      d.url = expand(n["url"].as<std::string>(""), getenv, where);
      d.secret_env = n["secret_env"].as<std::string>("");
      if (!d.secret_env.empty()) {
        auto secret = secret_from_env(d.secret_env, getenv);
        if (!secret)
          throw EndpointError(where + ": environment variable " + d.secret_env + " (its secret) is not set, nor " +
                              d.secret_env + "_FILE");
        d.secret = std::move(*secret);
      }
    } catch (const EndpointError& e) {
      if (!unreachable || std::string(e.what()).find("is not set") == std::string::npos) throw;
      unreachable->push_back(e.what());
      continue;
    }
    if (!d.url.starts_with("http://") && !d.url.starts_with("https://"))
      throw EndpointError(where + ": url must start with http:// or https://");
    while (d.url.ends_with("/")) d.url.pop_back();
    if (d.secret_env.empty()) throw EndpointError(where + ": secret_env names the variable holding its secret");
    d.api_key_env = n["api_key_env"].as<std::string>("");
    d.connect_timeout = std::chrono::milliseconds(number<long>(n, "connect_timeout_ms", 2000, where));
    d.response_timeout = std::chrono::milliseconds(number<long>(n, "response_timeout_ms", 5000, where));
    d.concurrency = std::max(1, number<int>(n, "concurrency", 4, where));
    d.max_attempts = std::max(0, number<int>(n, "max_attempts", 0, where));
    // Rounded to the second; at most a year (a larger number is a mistake, not a wish to retry forever).
    d.retry_for = std::chrono::seconds(static_cast<long long>(
        std::llround(std::clamp(number<double>(n, "retry_minutes", 1440, where), 0.0, 525600.0) * 60)));
    d.backoff_base = std::chrono::milliseconds(number<long>(n, "backoff_base_ms", 1000, where));
    d.backoff_cap = std::chrono::milliseconds(number<long>(n, "backoff_cap_ms", 300000, where));
    d.breaker_failures = std::max(1, number<int>(n, "breaker_failures", 5, where));
    d.breaker_cooldown = std::chrono::milliseconds(number<long>(n, "breaker_cooldown_ms", 30000, where));
    if (!out.emplace(d.code, d).second) throw EndpointError(where + ": listed twice");
  }
  return out;
}

}  // namespace ow::adapters
