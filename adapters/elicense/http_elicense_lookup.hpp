// The e-license library over HTTP: GET {base}/elicenses?type=…&holder=… answers 200 with the licence
// ({type, holder, number, issuer}) or 404 when the holder has none; GET {base}/elicenses/document?type=…&holder=…
// the licence's document (200 application/pdf, 404 when it has none to give). Anything else — no answer within the
// timeout, 5xx, a malformed body — is ELicenseUnavailable, so intake falls back to paper at once.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "adapters/department/http_client.hpp"
#include "adapters/elicense/elicense_lookup.hpp"

namespace ow::adapters {

class HttpELicenseLookup : public ELicenseLookup {
 public:
  HttpELicenseLookup(std::string base_url, std::chrono::milliseconds timeout);
  std::optional<ELicense> find(const std::string& type, const std::string& holder) const override;
  std::optional<ELicenseDocument> document(const ELicense& licence) const override;

 private:
  std::string base_;
  std::chrono::milliseconds timeout_;
  mutable HttpClient client_;
};

// Percent-encoding of a query value (UTF-8 bytes other than unreserved characters).
std::string url_encode(const std::string& text);

}  // namespace ow::adapters
