// A secret setting's value, from the environment or from a file: NAME holds the value itself, or NAME_FILE
// names a file holding it (a regular file of mode 0600 or stricter), so that the secret need not sit in the
// process environment, where /proc/<pid>/environ shows it. Used for db.url, the departments' HMAC secrets
// and the simulator's API keys. Error messages are one line and never contain the secret.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace ow::adapters {

using Getenv = std::function<const char*(const char*)>;

struct SecretError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What opening and reading a file found: the facts the rules below judge.
struct FileRead {
  int error = 0;           // errno of a failed open, fstat or read; 0 when read
  bool regular = false;    // a regular file (symlinks followed)
  unsigned mode = 0;       // its permission bits (07777)
  bool too_large = false;  // longer than kMaxSecretBytes; content is then incomplete
  std::string content;
};
using FileReader = std::function<FileRead(const std::string& path)>;

inline constexpr std::size_t kMaxSecretBytes = 64 * 1024;

// Opens `path` (following symlinks), fstat()s the open file and reads at most kMaxSecretBytes + 1 bytes.
// Reads nothing from a file that is not regular.
FileRead read_file_from_disk(const std::string& path);

// The secret in file `path`, named by variable `variable` (for messages): a regular file that group and
// others can neither read nor write, its content without trailing newlines (\n, \r\n), not empty.
// Throws SecretError otherwise.
std::string secret_from_file(const std::string& variable, const std::string& path,
                             const FileReader& read = read_file_from_disk);

// NAME from the environment when set and not empty, else the content of the file NAME_FILE names; nullopt
// when neither is set. Throws SecretError when both are set or the file fails secret_from_file's rules.
std::optional<std::string> secret_from_env(const std::string& name, const Getenv& getenv,
                                           const FileReader& read = read_file_from_disk);

}  // namespace ow::adapters
