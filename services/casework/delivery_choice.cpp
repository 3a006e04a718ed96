// The delivery choice's checks, names and masked view.
#include "services/casework/delivery_choice.hpp"

#include <boost/json.hpp>
#include <regex>

#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"

namespace ow::casework {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

// The address up to its district (区/县/市), the rest starred: enough to sort mail, not to find a door.
std::string mask_address(const std::string& address) {
  for (const char* mark : {"区", "县"}) {
    const auto at = address.find(mark);
    if (at != std::string::npos) return address.substr(0, at + std::string(mark).size()) + "****";
  }
  return "****";
}

}  // namespace

std::string DeliveryChoice::address_json() const {
  if (method != "post") return {};
  return json::serialize(json::object{{"recipient", recipient}, {"phone", phone}, {"address", address}});
}

DeliveryChoice parse_delivery_choice(const json::object& body) {
  DeliveryChoice c;
  c.method = platform::text_field(body, "method", true, 20);
  if (c.method != "window" && c.method != "post" && c.method != "electronic")
    throw bad_request("method must be window, post or electronic", "method");
  if (c.method != "post") return c;
  c.recipient = platform::text_field(body, "recipient", true, 60);
  c.phone = platform::text_field(body, "phone", true, 20);
  static const std::regex phone(R"(^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$)");
  if (!std::regex_match(c.phone, phone))
    throw bad_request("phone must be a mobile (11 digits) or a landline number", "phone");
  c.address = platform::text_field(body, "address", true, 300);
  if (c.address.size() < 12) throw bad_request("address must name province, city, district and street", "address");
  return c;
}

const char* delivery_method_name(const std::string& method) {
  if (method == "post") return "邮寄（双向快递）";
  if (method == "electronic") return "电子送达（电子证照）";
  return "窗口领取";
}

json::value delivery_choice_view(const std::optional<store::DeliveryChoiceRow>& choice, CaseSight sight) {
  if (!choice) return nullptr;
  json::object o{{"method", choice->method},
                 {"method_name", delivery_method_name(choice->method)},
                 {"chosen_at", choice->chosen_at}};
  if (choice->address_json) {
    const auto a = json::parse(*choice->address_json).as_object();
    const std::string recipient(a.at("recipient").as_string()), phone(a.at("phone").as_string()),
        address(a.at("address").as_string());
    const bool full = sight == CaseSight::full;
    o["recipient"] = full ? recipient : mask_name(recipient);
    o["phone"] = phone_for(phone, sight);
    o["address"] = full ? address : mask_address(address);
  }
  return o;
}

bool delivery_choice_open(const store::CaseRow& c) {
  if (c.delivery) return false;
  for (const char* ended : {"Refused", "Withdrawn", "NotPermitted", "Concluded", "Archived"})
    if (c.state == ended) return false;
  return true;
}

}  // namespace ow::casework
