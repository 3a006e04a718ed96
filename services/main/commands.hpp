// The `onewindow` subcommands. Each takes the words after its name and the --config path; returns the
// process exit status (0 ok, 1 failure, 2 bad usage or input).
#pragma once

#include <string>
#include <vector>

namespace ow::platform {
class Config;
}

namespace ow::cli {

int serve(const std::vector<std::string>& args, const std::string& config_path);
int migrate(const std::vector<std::string>& args, const std::string& config_path);
int user(const std::vector<std::string>& args, const std::string& config_path);
int apikey(const std::vector<std::string>& args, const std::string& config_path);
int catalog(const std::vector<std::string>& args, const std::string& config_path);
int calendar(const std::vector<std::string>& args, const std::string& config_path);
int report(const std::vector<std::string>& args, const std::string& config_path);
int keys(const std::vector<std::string>& args, const std::string& config_path);
int audit(const std::vector<std::string>& args, const std::string& config_path);
int archive(const std::vector<std::string>& args, const std::string& config_path);

// Sets each OW_KEY=VALUE line of `file` in the environment unless already set there (blank lines and
// # comments skipped); false (with one line on stderr) when the file cannot be read or holds another line.
bool apply_env_file(const std::string& file);

// Loads the personal-data key file (keys.personal_data_file) for commands that read cases.
void use_personal_data_keys(const platform::Config& config);

}  // namespace ow::cli
