// HTTP credit lookup.
#include "adapters/credit/http_credit_lookup.hpp"

#include <boost/json.hpp>

namespace ow::adapters {

namespace json = boost::json;

HttpCreditLookup::HttpCreditLookup(std::string base_url, std::chrono::milliseconds timeout)
    : base_(std::move(base_url)), timeout_(timeout) {
  while (base_.ends_with("/")) base_.pop_back();
}

CreditStanding HttpCreditLookup::check(const std::string& holder) const {
  const auto answer = client_.post(base_ + "/credit-checks", {{"Content-Type", "application/json"}},
                                   json::serialize(json::object{{"holder", holder}}), timeout_, timeout_);
  if (answer.status != 200)
    throw CreditUnavailable(answer.status ? "credit service answered " + std::to_string(answer.status) : answer.error);
  try {
    CreditStanding out;
    const json::value v = json::parse(answer.body);  // kept: the loop reads into it
    for (const auto& l : v.at("lists").as_array()) out.lists.emplace_back(l.as_string());
    return out;
  } catch (const std::exception& e) {
    throw CreditUnavailable(std::string("malformed credit answer: ") + e.what());
  }
}

void HttpCreditLookup::record(const CreditEntry& entry) const {
  std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
  if (!entry.key.empty()) headers.emplace("Idempotency-Key", entry.key);
  const auto answer = client_.post(
      base_ + "/credit-entries", headers,
      json::serialize(json::object{{"holder", entry.holder}, {"list", entry.list}, {"reason", entry.reason}}), timeout_,
      timeout_);
  if (answer.status != 201 && answer.status != 200)
    throw CreditUnavailable(answer.status ? "credit service answered " + std::to_string(answer.status) : answer.error);
}

}  // namespace ow::adapters
