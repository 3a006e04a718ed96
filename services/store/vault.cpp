// Sealing, opening and blind indexes (libsodium), the key file, and the process's vault.
#include "services/store/vault.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <vector>

#include "adapters/secrets/secret_setting.hpp"
#include "services/platform/log.hpp"

namespace ow::store {
namespace {

constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
static_assert(kKeyBytes == 32 && crypto_generichash_KEYBYTES_MAX >= 32);

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string random_hex_key() {
  unsigned char key[kKeyBytes];
  randombytes_buf(key, sizeof key);
  char hex[kKeyBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  sodium_memzero(key, sizeof key);
  return hex;
}

std::string key_from_hex(const std::string& hex, int line) {
  std::string key(kKeyBytes, '\0');
  std::size_t length = 0;
  if (hex.size() != kKeyBytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != kKeyBytes)
    throw VaultError("key file line " + std::to_string(line) + ": a key is 64 hexadecimal characters");
  return key;
}

// Writes `text` to `file` through a 0600 temporary file beside it (with the owner of the file it replaces, so
// that a rotation run as root leaves the service user's file readable by it), then renames it into place and
// makes the rename durable (fsync of the directory): a crash must not bring back a key file without the key
// that rows were just sealed with.
void write_private(const std::filesystem::path& file, const std::string& text, bool must_be_new) {
  if (must_be_new && std::filesystem::exists(file)) throw VaultError(file.string() + " exists already");
  struct stat old {};
  const bool replacing = ::stat(file.c_str(), &old) == 0;
  const std::string tmp = file.string() + ".new";
  std::filesystem::remove(tmp);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) throw VaultError("cannot write " + tmp);
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (written && replacing && (old.st_uid != ::geteuid() || old.st_gid != ::getegid()))
    written = ::fchown(fd, old.st_uid, old.st_gid) == 0;
  written = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || std::rename(tmp.c_str(), file.c_str()) != 0) {
    std::filesystem::remove(tmp);
    throw VaultError("cannot write " + file.string());
  }
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
    ::fsync(d);
    ::close(d);
  }
}

// An exclusive lock on `file` for the life of the object: two `keys` commands never write the file at once.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& file)
      : fd_(::open((file.string() + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw VaultError("cannot lock " + file.string() + ".lock");
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

}  // namespace

Vault Vault::from_text(const std::string& text) {
  if (sodium_init() < 0) throw VaultError("libsodium could not start");
  Vault v;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string word, hex;
    int id = 0;
    words >> word;
    if (word == "blind" && words >> hex) {
      v.blind_key_ = key_from_hex(hex, n);
    } else if (word == "key" && words >> id >> hex && id > 0) {
      v.keys_[id] = key_from_hex(hex, n);
    } else if (word == "current" && words >> id) {
      v.current_ = id;
    } else {
      throw VaultError("key file line " + std::to_string(n) + " is not 'blind HEX', 'key ID HEX' or 'current ID'");
    }
  }
  if (v.blind_key_.empty()) throw VaultError("the key file has no blind-index key");
  if (!v.keys_.contains(v.current_)) throw VaultError("the key file's current key is not among its keys");
  return v;
}

namespace {

// The key file's text, read under the secret-file rules (regular file, 0600 or stricter).
std::string read_key_file(const std::filesystem::path& file) {
  try {
    return adapters::secret_from_file("keys.personal_data_file", file.string());
  } catch (const adapters::SecretError& e) {
    throw VaultError(e.what());
  }
}

}  // namespace

Vault Vault::from_file(const std::filesystem::path& file) { return from_text(read_key_file(file)); }

std::string Vault::new_key_file_text() {
  if (sodium_init() < 0) throw VaultError("libsodium could not start");
  return "# OneWindow personal-data keys. Keep this file secret and back it up apart from the database:\n"
         "# without it the sealed names, ID numbers and phones cannot be read.\n"
         "blind " +
         random_hex_key() + "\nkey 1 " + random_hex_key() + "\ncurrent 1\n";
}

void Vault::create_key_file(const std::filesystem::path& file) {
  const FileLock lock(file);
  write_private(file, new_key_file_text(), true);
}

int Vault::add_key(const std::filesystem::path& file) {
  const FileLock lock(file);
  std::string text = read_key_file(file);
  const int id = from_text(text).keys_.rbegin()->first + 1;  // checks the file before it grows
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += "key " + std::to_string(id) + " " + random_hex_key() + "\ncurrent " + std::to_string(id) + "\n";
  write_private(file, text, false);
  return id;
}

Sealed Vault::seal(const std::string& plain, const std::string& context) const {
  if (!sealing_) return {0, plain};
  const std::string& key = keys_.at(current_);
  std::vector<unsigned char> out(kNonceBytes + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonceBytes);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonceBytes, &length, bytes(plain), plain.size(),
                                             bytes(context), context.size(), nullptr, out.data(), bytes(key));
  out.resize(kNonceBytes + length);
  std::string text(sodium_base64_ENCODED_LEN(out.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), out.data(), out.size(), sodium_base64_VARIANT_ORIGINAL);
  text.pop_back();  // the terminating NUL
  return {current_, std::move(text)};
}

std::string Vault::open(const Sealed& sealed, const std::string& context) const {
  if (sealed.key_id == 0) {  // not sealed: only a process that itself runs with sealing off accepts such values
    if (sealing_) throw VaultError("a value claims to be unsealed (key 0) while sealing is on");
    return sealed.text;
  }
  const auto key = keys_.find(sealed.key_id);
  if (key == keys_.end())
    throw VaultError("personal data sealed with key " + std::to_string(sealed.key_id) + ", which the key file lacks");
  std::vector<unsigned char> raw(sealed.text.size());
  std::size_t length = 0;
  if (sodium_base642bin(raw.data(), raw.size(), sealed.text.data(), sealed.text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < kNonceBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    throw VaultError("a sealed value is damaged");
  std::string plain(length - kNonceBytes - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plain_length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plain_length, nullptr,
                                                 raw.data() + kNonceBytes, length - kNonceBytes, bytes(context),
                                                 context.size(), raw.data(), bytes(key->second)) != 0)
    throw VaultError("a sealed value does not open: altered, or moved from its row");
  plain.resize(plain_length);
  return plain;
}

std::string Vault::blind(const std::string& domain, const std::string& value) const {
  const std::string material = domain + '\n' + value;
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, bytes(material), material.size(), bytes(blind_key_), blind_key_.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::map<int, std::string> Vault::fingerprints() const {
  auto print = [](const std::string& key) {
    static const std::string label = "onewindow key fingerprint";
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, bytes(label), label.size(), bytes(key), key.size());
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex);
  };
  std::map<int, std::string> out{{0, print(blind_key_)}};
  for (const auto& [id, key] : keys_) out[id] = print(key);
  return out;
}

namespace {

struct Installed {
  std::mutex mutex;
  std::shared_ptr<const Vault> vault;
  std::filesystem::path file;  // empty: a fixed vault
  bool sealing = true;
  std::filesystem::file_time_type written{};
  std::chrono::steady_clock::time_point checked{};
};

Installed& installed() {
  static Installed i;
  return i;
}

void load_locked(Installed& i) {
  const auto written = std::filesystem::last_write_time(i.file);
  auto v = std::make_shared<Vault>(Vault::from_file(i.file));
  v->set_sealing(i.sealing);
  i.vault = std::move(v);
  i.written = written;
  i.checked = std::chrono::steady_clock::now();
}

}  // namespace

void use_vault_file(const std::filesystem::path& file, bool sealing) {
  auto& i = installed();
  std::lock_guard lock(i.mutex);
  i.file = file;
  i.sealing = sealing;
  load_locked(i);
}

void use_vault(std::shared_ptr<const Vault> vault) {
  auto& i = installed();
  std::lock_guard lock(i.mutex);
  i.file.clear();
  i.vault = std::move(vault);
}

std::shared_ptr<const Vault> vault() {
  auto& i = installed();
  std::lock_guard lock(i.mutex);
  if (!i.file.empty() && std::chrono::steady_clock::now() - i.checked > std::chrono::seconds(1)) {
    i.checked = std::chrono::steady_clock::now();
    std::error_code error;
    const auto written = std::filesystem::last_write_time(i.file, error);
    if (!error && written != i.written) {
      try {
        load_locked(i);
      } catch (const std::exception& e) {
        // Unreadable now (e.g. written by another user): keep the keys in hand, say so, look again in a second.
        platform::log(platform::LogLevel::warn, "personal-data key file not reloaded", {{"error", e.what()}});
      }
    }
  }
  if (!i.vault) throw VaultError("no personal-data keys: set keys.personal_data_file");
  return i.vault;
}

void reload_vault() {
  auto& i = installed();
  std::lock_guard lock(i.mutex);
  if (!i.file.empty()) load_locked(i);
}

std::shared_ptr<const Vault> vault_for(int key_id) {
  auto v = vault();
  if (key_id == 0 || v->has_key(key_id)) return v;
  reload_vault();  // sealed by a key another process has just added to the file
  return vault();
}

}  // namespace ow::store
