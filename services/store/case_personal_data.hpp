// A case's personal data as stored: the applicant (JSON) and the contact phone sealed by the vault, bound to
// the case number, and the blind indexes of the holder's ID number or credit code and of the phone.
#pragma once

#include <optional>
#include <string>

#include "services/store/vault.hpp"

namespace ow::store {

struct SealedPersonalData {
  int key = 0;
  std::string applicant, phone;           // sealed text
  std::string holder_index, phone_index;  // blind indexes
};

SealedPersonalData seal_personal_data(const Vault& vault, const std::string& number, const std::string& applicant_json,
                                      const std::string& phone);
// The applicant JSON and the phone, opened. Throws VaultError when they do not open.
std::pair<std::string, std::string> open_personal_data(const Vault& vault, const std::string& number, int key,
                                                       const std::string& applicant, const std::string& phone);

// Blind indexes of what a clerk searches by: the ID number or credit code as written on the card (upper
// case, no spaces), and a phone without separators; empty when nothing is left to index.
std::string holder_index(const Vault& vault, const std::string& id_number_or_credit_code);
std::string phone_index(const Vault& vault, const std::string& phone);

}  // namespace ow::store
