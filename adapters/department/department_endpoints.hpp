// How each push department is reached (config/departments.yaml): base URL, the environment variable that
// holds its signing secret (never the secret itself), timeouts, concurrency and retry policy. Whether a
// department is `push` or `inbox` is the catalog's word; this file only says how to reach push ones.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapters/secrets/secret_setting.hpp"

namespace ow::adapters {

struct DepartmentEndpoint {
  std::string code;
  std::string url;          // base URL; tasks are POSTed to url + "/tasks", cancellations to url + "/cancellations"
  std::string secret_env;   // the environment variable holding the HMAC secret (or, with _FILE appended, its file)
  std::string secret;       // its value, resolved at load
  std::string api_key_env;  // the environment variable holding the key the department calls back with (simulator)
  std::chrono::milliseconds connect_timeout{2000}, response_timeout{5000};
  int concurrency = 4;                        // pushes in flight at once
  int max_attempts = 0;                       // then DispatchFailed; 0: no limit by count (retry_for decides)
  std::chrono::seconds retry_for{24 * 3600};  // a push still failing this long after its first attempt: DispatchFailed
  std::chrono::milliseconds backoff_base{1000}, backoff_cap{300000};
  int breaker_failures = 5;                           // consecutive failures that open the breaker
  std::chrono::milliseconds breaker_cooldown{30000};  // open → half-open
};

struct EndpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads the file; `${NAME}` in a URL is replaced by the environment variable NAME; each secret comes from
// its variable or from the file its _FILE variable names (secret_from_env). Throws EndpointError naming the
// department and field for a malformed entry, SecretError for a secret file that is unreadable, empty or
// open to others. A department whose URL or secret variable is unset throws too — unless `unreachable` is
// given: then it is left out and the reason appended there.
std::map<std::string, DepartmentEndpoint> load_department_endpoints(const std::filesystem::path& file,
                                                                    const Getenv& getenv,
                                                                    std::vector<std::string>* unreachable = nullptr);

}  // namespace ow::adapters
