// Command-line arguments of the `onewindow` subcommands: positionals, `--name value` options (repeatable)
// and `--flag`s. Unknown options are an error the caller reports with exit status 2.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ow::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // `valued` are options that take a value, `flags` those that do not.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> get(const std::string& name) const;
  std::string require(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.contains(name); }

 private:
  std::vector<std::string> positional_;
  std::multimap<std::string, std::string> options_;
  std::set<std::string> flags_;
};

// Exit statuses.
inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;
inline constexpr int kUsage = 2;

}  // namespace ow::cli
