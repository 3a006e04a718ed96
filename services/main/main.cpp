// The `onewindow` binary: picks the subcommand and maps uncaught errors to exit statuses.
#include <iostream>

#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/platform/config.hpp"

namespace {

const char* kUsage =
    "usage: onewindow [--config FILE] [--env-file FILE] COMMAND ...\n"
    "  (--env-file: OW_* settings, one KEY=VALUE a line, under whatever the environment already sets;\n"
    "   ops/run writes one with everything its platform was started with)\n"
    "  serve [--roles all|api,dispatcher,timekeeper] [--port N]   run the platform\n"
    "  migrate [--status]                                        apply sql/ migrations\n"
    "  user add LOGIN --name NAME --role clerk|approver|supervisor|admin|auditor|surveyor --region CODE\n"
    "           [--hall CODE --window CODE] [--department CODE] [--password-stdin]\n"
    "  user passwd LOGIN [--password-stdin]                      set a password (prints a new one without stdin)\n"
    "  user disable LOGIN                                        disable and revoke sessions\n"
    "  apikey add DEPARTMENT [--label TEXT]                      issue a department system's API key\n"
    "  catalog load [--dry-run]                                  lint config/catalog and load it as a new version\n"
    "  report weekly --week YYYY-Www [--region CODE] [--format csv|html]   the weekly report (每周通报)\n"
    "  calendar is-workday DATE\n"
    "  calendar due --accepted-at INSTANT --limit LIMIT [--pause START/END]...\n"
    "  calendar check FILE\n"
    "  calendar recompute                                        recompute open cases' due instants after a calendar change\n"
    "  keys init [--file F]                                      create the personal-data key file (0600)\n"
    "  keys rotate                                               add a key, make it current, re-seal every row\n"
    "  keys reseal                                               finish a rotation; seal rows written unsealed\n"
    "  keys status                                               current key and rows not yet on it\n"
    "  audit verify [--case NUMBER | --all] [--since DATE]       recompute the audit hash chains and anchors\n"
    "  audit anchor --day DATE                                   write a day's audit anchor (the timekeeper does daily)\n"
    "  archive verify PACKAGE                                    re-check an archive package's files and audit chain\n"
    "  version\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  std::string config_path, env_file;
  for (std::size_t i = 0; i < words.size();) {
    if (words[i] == "--config" && i + 1 < words.size()) {
      config_path = words[i + 1];
      words.erase(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i) + 2);
    } else if (words[i] == "--env-file" && i + 1 < words.size()) {
      env_file = words[i + 1];
      words.erase(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i) + 2);
    } else if (words[i].starts_with("--config=")) {
      config_path = words[i].substr(9);
      words.erase(words.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  if (!env_file.empty() && !ow::cli::apply_env_file(env_file)) return ow::cli::kUsage;
  if (words.empty() || words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
    std::cout << kUsage;
    return words.empty() ? ow::cli::kUsage : ow::cli::kOk;
  }
  const std::string command = words[0];
  const std::vector<std::string> rest(words.begin() + 1, words.end());
  try {
    if (command == "version" || command == "--version") {
      std::cout << "onewindow " << OW_VERSION << "\n";
      return ow::cli::kOk;
    }
    if (command == "serve") return ow::cli::serve(rest, config_path);
    if (command == "migrate") return ow::cli::migrate(rest, config_path);
    if (command == "user") return ow::cli::user(rest, config_path);
    if (command == "apikey") return ow::cli::apikey(rest, config_path);
    if (command == "calendar") return ow::cli::calendar(rest, config_path);
    if (command == "catalog") return ow::cli::catalog(rest, config_path);
    if (command == "report") return ow::cli::report(rest, config_path);
    if (command == "keys") return ow::cli::keys(rest, config_path);
    if (command == "audit") return ow::cli::audit(rest, config_path);
    if (command == "archive") return ow::cli::archive(rest, config_path);
    std::cerr << "onewindow: unknown command '" << command << "'\n" << kUsage;
    return ow::cli::kUsage;
  } catch (const ow::cli::UsageError& e) {
    std::cerr << "onewindow " << command << ": " << e.what() << "\n";
    return ow::cli::kUsage;
  } catch (const ow::platform::ConfigError& e) {
    std::cerr << "onewindow: configuration: " << e.what() << "\n";
    return ow::cli::kUsage;
  } catch (const std::exception& e) {
    std::cerr << "onewindow " << command << ": " << e.what() << "\n";
    return ow::cli::kFailure;
  }
}
