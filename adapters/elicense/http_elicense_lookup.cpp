// HTTP e-license lookup.
#include "adapters/elicense/http_elicense_lookup.hpp"

#include <boost/json.hpp>

namespace ow::adapters {

std::string url_encode(const std::string& text) {
  static const char* const hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
  return out;
}

HttpELicenseLookup::HttpELicenseLookup(std::string base_url, std::chrono::milliseconds timeout)
    : base_(std::move(base_url)), timeout_(timeout) {
  while (base_.ends_with("/")) base_.pop_back();
}

std::optional<ELicense> HttpELicenseLookup::find(const std::string& type, const std::string& holder) const {
  const auto answer = client_.get(base_ + "/elicenses?type=" + url_encode(type) + "&holder=" + url_encode(holder), {},
                                  timeout_, timeout_);
  if (answer.status == 404) return std::nullopt;
  if (answer.status != 200)
    throw ELicenseUnavailable(answer.status ? "e-license library answered " + std::to_string(answer.status)
                                            : answer.error);
  try {
    const auto v = boost::json::parse(answer.body);
    const auto& o = v.as_object();
    return ELicense{std::string(o.at("type").as_string()), std::string(o.at("holder").as_string()),
                    std::string(o.at("number").as_string()), std::string(o.at("issuer").as_string())};
  } catch (const std::exception& e) {
    throw ELicenseUnavailable(std::string("malformed e-license answer: ") + e.what());
  }
}

std::optional<ELicenseDocument> HttpELicenseLookup::document(const ELicense& licence) const {
  const auto answer = client_.get(
      base_ + "/elicenses/document?type=" + url_encode(licence.type) + "&holder=" + url_encode(licence.holder), {},
      timeout_, timeout_);
  if (answer.status == 404) return std::nullopt;
  if (answer.status != 200)
    throw ELicenseUnavailable(answer.status ? "e-license library answered " + std::to_string(answer.status)
                                            : answer.error);
  // The platform checks the bytes' type again when it stores them; a body that is not a PDF is no document.
  if (!answer.body.starts_with("%PDF-")) throw ELicenseUnavailable("the e-license document is not a PDF");
  return ELicenseDocument{"application/pdf", answer.body};
}

}  // namespace ow::adapters
