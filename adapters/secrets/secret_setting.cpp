// Reading secret settings from the environment or from private files.
#include "adapters/secrets/secret_setting.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ow::adapters {
namespace {

std::string octal(unsigned mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", mode & 07777u);
  return buffer;
}

}  // namespace

FileRead read_file_from_disk(const std::string& path) {
  FileRead out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    out.error = errno;
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    out.error = errno;
  } else {
    out.regular = S_ISREG(st.st_mode);
    out.mode = static_cast<unsigned>(st.st_mode) & 07777u;
    char buffer[4096];
    while (out.regular && out.content.size() <= kMaxSecretBytes) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        out.error = errno;
        break;
      }
      if (n == 0) break;
      out.content.append(buffer, static_cast<std::size_t>(n));
    }
    out.too_large = out.content.size() > kMaxSecretBytes;
  }
  ::close(fd);
  return out;
}

std::string secret_from_file(const std::string& variable, const std::string& path, const FileReader& read) {
  const std::string where = variable + ": " + path;
  FileRead f = read(path);
  if (f.error != 0) throw SecretError(where + ": cannot read (" + std::strerror(f.error) + ")");
  if (!f.regular) throw SecretError(where + " is not a regular file");
  if ((f.mode & 077u) != 0)
    throw SecretError(where + " is open to group or others (mode " + octal(f.mode) +
                      "); it must be 0600 or stricter: chmod 600 " + path);
  if (f.too_large) throw SecretError(where + " is larger than " + std::to_string(kMaxSecretBytes / 1024) + " KiB");
  while (!f.content.empty() && (f.content.back() == '\n' || f.content.back() == '\r')) f.content.pop_back();
  if (f.content.empty()) throw SecretError(where + " is empty");
  return std::move(f.content);
}

std::optional<std::string> secret_from_env(const std::string& name, const Getenv& getenv, const FileReader& read) {
  const std::string file_variable = name + "_FILE";
  const char* value = getenv(name.c_str());
  const char* file = getenv(file_variable.c_str());
  const bool has_value = value && *value, has_file = file && *file;
  if (has_value && has_file) throw SecretError("both " + name + " and " + file_variable + " are set; keep only one");
  if (has_value) return std::string(value);
  if (has_file) return secret_from_file(file_variable, file, read);
  return std::nullopt;
}

}  // namespace ow::adapters
