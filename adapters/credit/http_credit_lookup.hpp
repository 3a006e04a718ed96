// The credit service over HTTP: POST {base}/credit-checks {"holder"} answers 200 {"lists": [name, …]} (empty: a
// clean record); POST {base}/credit-entries {"holder", "list", "reason"} answers 201. The number travels in the
// body, never in a URL. No answer within the timeout, another status or a malformed body is CreditUnavailable.
#pragma once

#include <chrono>
#include <string>

#include "adapters/credit/credit_lookup.hpp"
#include "adapters/department/http_client.hpp"

namespace ow::adapters {

class HttpCreditLookup : public CreditLookup {
 public:
  HttpCreditLookup(std::string base_url, std::chrono::milliseconds timeout);
  CreditStanding check(const std::string& holder) const override;
  void record(const CreditEntry& entry) const override;

 private:
  std::string base_;
  std::chrono::milliseconds timeout_;
  mutable HttpClient client_;
};

}  // namespace ow::adapters
