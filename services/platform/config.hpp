// Platform configuration: every setting with its default and meaning in one table; values come from
// config/onewindow.yaml (or --config FILE), then OW_* environment variables (http.port → OW_HTTP_PORT);
// a secret setting (db.url) may instead come from the private file its OW_…_FILE variable names.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ow::platform {

struct SettingInfo {
  const char* key;
  const char* default_value;
  const char* meaning;
};

// The documented settings, in the order README lists them.
const std::vector<SettingInfo>& all_settings();
// "http.port" → "OW_HTTP_PORT".
std::string env_name(const std::string& key);

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Config {
 public:
  // Defaults only; `home` is where relative paths (calendar.dir, migrations.dir, …) are resolved.
  explicit Config(std::filesystem::path home);
  // Finds the file (explicit path, $OW_CONFIG, ./config/onewindow.yaml, the source tree's), reads it, then
  // applies OW_* overrides. Throws ConfigError on an unknown key, bad YAML or a bad value.
  static Config load(const std::string& explicit_path);

  const std::filesystem::path& home() const { return home_; }
  const std::string& source() const { return source_; }
  std::string text(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  bool flag(const std::string& key) const;
  // A path setting, resolved against home() when relative.
  std::filesystem::path path(const std::string& key) const;
  void set(const std::string& key, const std::string& value);

 private:
  std::filesystem::path home_;
  std::string source_;
  std::map<std::string, std::string> values_;
};

}  // namespace ow::platform
