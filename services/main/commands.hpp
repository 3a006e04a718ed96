// The `onewindow` subcommands. Each takes the words after its name and the --config path; returns the
// process exit status (0 ok, 1 failure, 2 bad usage or input).
#pragma once

#include <string>
#include <vector>

namespace ow::cli {

int serve(const std::vector<std::string>& args, const std::string& config_path);
int migrate(const std::vector<std::string>& args, const std::string& config_path);
int user(const std::vector<std::string>& args, const std::string& config_path);
int apikey(const std::vector<std::string>& args, const std::string& config_path);
int catalog(const std::vector<std::string>& args, const std::string& config_path);
int calendar(const std::vector<std::string>& args, const std::string& config_path);
int report(const std::vector<std::string>& args, const std::string& config_path);

}  // namespace ow::cli
