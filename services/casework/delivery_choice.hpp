// The applicant's choice of how the result reaches them (issue 20), in the delivery vocabulary of the clerk's
// 出件 (POST /api/v1/cases/{number}/delivery: window, post, electronic): the checked input, and the choice as a
// viewer may see it. A posting address (recipient, phone, address) is personal data: shown in full to the
// applicant and to those who see the case in full, masked for the rest (name 张*明, phone 138****5678, the
// address up to its district only).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "services/casework/personal_data.hpp"
#include "services/store/delivery_choice_store.hpp"

namespace ow::casework {

struct DeliveryChoice {
  std::string method;                     // window | post | electronic
  std::string recipient, phone, address;  // post only
  std::string address_json() const;       // {recipient, phone, address}; empty unless post
};

// {"method", "recipient"?, "phone"?, "address"?}: 400 naming the field for anything malformed (post needs all three).
DeliveryChoice parse_delivery_choice(const boost::json::object& body);

// 窗口领取, 邮寄（双向快递）, 电子送达（电子证照）.
const char* delivery_method_name(const std::string& method);

// The stored choice as `sight` (full or masked) allows: {method, method_name, chosen_at, recipient?, phone?,
// address?}; null when none was made.
boost::json::value delivery_choice_view(const std::optional<store::DeliveryChoiceRow>& choice, CaseSight sight);

// Whether a choice may still be made: the result is not handed over and the case can still end in one.
bool delivery_choice_open(const store::CaseRow& c);

}  // namespace ow::casework
