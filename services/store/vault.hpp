// The personal-data vault: seals applicants' names, ID numbers and phones (and idempotency answers that
// repeat them) with XChaCha20-Poly1305 (libsodium) before they reach PostgreSQL, and makes blind indexes
// (keyed BLAKE2b) so a clerk can still find an applicant's cases by ID number or phone.
//
// The keys live in one file outside the database (keys.personal_data_file, mode 0600):
//   blind <64 hex>        the blind-index key (never rotated: the indexes would all change)
//   key <id> <64 hex>     a sealing key; rows carry the id of the key that sealed them
//   current <id>          the key new rows are sealed with
// `onewindow keys rotate` appends a key and makes it current; a running platform notices the file changed
// (at most a second later) and seals with the new key from then on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace ow::store {

// The key file is missing, unreadable, too open, or malformed; or a sealed value does not open.
struct VaultError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Sealed {
  int key_id = 0;
  std::string text;  // base64 of nonce ‖ ciphertext ‖ tag
};

class Vault {
 public:
  // Reads and checks a key file (0600 or stricter).
  static Vault from_file(const std::filesystem::path& file);
  // A vault from key file text (tests).
  static Vault from_text(const std::string& text);
  // The text of a new key file: a blind key and key 1, current.
  static std::string new_key_file_text();
  // Creates `file` (0600) with new keys; refuses to overwrite an existing one.
  static void create_key_file(const std::filesystem::path& file);
  // Appends a new key to `file` and makes it current (written to a temporary file, then renamed); returns its id.
  static int add_key(const std::filesystem::path& file);

  // Benchmarks only (keys.seal_personal_data = false): seal() then returns the value as it is, under key id 0,
  // the id that also marks values not (yet) sealed; open() gives key-0 values back as they are.
  void set_sealing(bool on) { sealing_ = on; }
  bool sealing() const { return sealing_; }

  int current_key() const { return sealing_ ? current_ : 0; }
  bool has_key(int id) const { return keys_.contains(id); }
  // Seals `plain` under the current key; `context` (not secret, not stored) binds the value to its place,
  // e.g. "cases.phone:<case number>": a sealed value copied to another row does not open.
  Sealed seal(const std::string& plain, const std::string& context) const;
  // Opens a sealed value; throws VaultError when the key is unknown or the value was altered or moved, or when
  // it claims key 0 (unsealed) while this vault seals.
  std::string open(const Sealed& sealed, const std::string& context) const;
  // The blind index of `value` in `domain` ("id_number", "phone", …): 64 hex characters.
  std::string blind(const std::string& domain, const std::string& value) const;
  // Fingerprints of the keys (keyed hashes, never the keys): key id → hex; id 0 is the blind-index key.
  std::map<int, std::string> fingerprints() const;

 private:
  std::string blind_key_;
  std::map<int, std::string> keys_;
  int current_ = 0;
  bool sealing_ = true;
};

// The process's vault. `use_vault_file` loads the file and, from then on, reloads it when it changes (checked
// at most once a second on use); `use_vault` installs a fixed one (tests). `vault()` throws VaultError when
// none is installed: personal data is never written unsealed.
void use_vault_file(const std::filesystem::path& file, bool sealing = true);
void use_vault(std::shared_ptr<const Vault> vault);
std::shared_ptr<const Vault> vault();
// Reads the file again now (after PostgreSQL refused a row sealed with a retired key).
void reload_vault();
// The vault, read again first when it lacks key `key_id` (a rotation elsewhere has just sealed rows with it).
std::shared_ptr<const Vault> vault_for(int key_id);

}  // namespace ow::store
