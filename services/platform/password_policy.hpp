// The password rule: at least 10 characters (Unicode code points), at most 256 bytes, and not refused by
// Debian's cracklib (libcrack2: dictionary words, reversed words, too simple or systematic, too few
// different characters, derived from the login or the person's name). Reasons are plain Chinese for the
// person choosing the password. Thread-safe (cracklib itself is not: calls are serialised).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace ow::platform {

inline constexpr std::size_t kMinPasswordCharacters = 10;

// The cracklib dictionary (package cracklib-runtime) is missing or unreadable: nothing can be judged.
struct PasswordCheckUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Why `password` may not be used by user `login` (display name `name`), in Chinese; empty when it may.
// Throws PasswordCheckUnavailable.
std::optional<std::string> password_weakness(const std::string& password, const std::string& login,
                                             const std::string& name);
// True when the dictionary can be loaded (checked at start-up, so a missing package is reported early).
bool password_dictionary_available();
// A random password (credentials' new_password) that this rule accepts for the user.
std::string new_strong_password(const std::string& login, const std::string& name);

}  // namespace ow::platform
