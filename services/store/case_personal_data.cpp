// Sealing and opening a case's personal data; blind indexes.
#include "services/store/case_personal_data.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

namespace ow::store {
namespace {

std::string normal_holder(std::string s) {
  std::erase_if(s, [](unsigned char c) { return std::isspace(c); });
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string normal_phone(std::string s) {
  std::erase_if(s, [](unsigned char c) { return !std::isdigit(c); });
  return s;
}

std::string holder_of(const std::string& applicant_json) {
  boost::system::error_code error;
  const auto v = boost::json::parse(applicant_json, error);
  if (error || !v.is_object()) return "";
  for (const char* field : {"id_number", "credit_code"})
    if (const auto* s = v.as_object().if_contains(field); s && s->is_string()) return std::string(s->as_string());
  return "";
}

}  // namespace

SealedPersonalData seal_personal_data(const Vault& vault, const std::string& number, const std::string& applicant_json,
                                      const std::string& phone) {
  SealedPersonalData out;
  auto applicant = vault.seal(applicant_json, "cases.applicant:" + number);
  out.key = applicant.key_id;
  out.applicant = std::move(applicant.text);
  out.phone = vault.seal(phone, "cases.phone:" + number).text;
  const std::string holder = holder_of(applicant_json);
  out.holder_index = holder.empty() ? std::string() : holder_index(vault, holder);
  out.phone_index = phone_index(vault, phone);
  return out;
}

std::pair<std::string, std::string> open_personal_data(const Vault& vault, const std::string& number, int key,
                                                       const std::string& applicant, const std::string& phone) {
  return {vault.open({key, applicant}, "cases.applicant:" + number), vault.open({key, phone}, "cases.phone:" + number)};
}

std::string holder_index(const Vault& vault, const std::string& id_number_or_credit_code) {
  const std::string normal = normal_holder(id_number_or_credit_code);
  return normal.empty() ? std::string() : vault.blind("holder", normal);
}

std::string phone_index(const Vault& vault, const std::string& phone) {
  const std::string normal = normal_phone(phone);
  return normal.empty() ? std::string() : vault.blind("phone", normal);
}

}  // namespace ow::store
