// Password hashing (libsodium argon2id, memory-hard) and opaque random tokens stored only as SHA-256.
#pragma once

#include <string>

namespace ow::platform {

// Call once before any other function here (sodium_init); throws if libsodium cannot start.
void init_credentials();

// argon2id with libsodium's interactive limits (64 MiB, about 0.1 s on this machine); the encoded string
// carries salt and parameters. Throws std::invalid_argument for passwords shorter than 8 or longer than 256.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& encoded, const std::string& password);
// Always takes about as long as a real verification, so unknown logins cannot be told from wrong passwords.
void burn_password_time(const std::string& password);

// 256 random bits, URL-safe base64 without padding (43 characters).
std::string new_token();
// The raw 32-byte SHA-256 of a token, as stored in the database.
std::string token_hash(const std::string& token);
// A readable random password for demo users and `user add` without one.
std::string new_password();

}  // namespace ow::platform
