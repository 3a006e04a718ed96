// cases.commitments: [{item, step, replaces, verify_within: "20wd", outcome, reason}].
#include "services/casework/commitment_codec.hpp"

#include <boost/json.hpp>

namespace ow::casework {

namespace json = boost::json;

std::string commitments_to_json(const std::vector<flow::Commitment>& commitments) {
  json::array out;
  for (const auto& m : commitments) {
    json::array replaces;
    for (const auto& r : m.replaces) replaces.emplace_back(r);
    out.push_back(json::object{{"item", m.item},
                               {"step", m.step},
                               {"replaces", std::move(replaces)},
                               {"verify_within", m.verify_within.to_string()},
                               {"outcome", m.outcome},
                               {"reason", m.reason}});
  }
  return json::serialize(out);
}

std::vector<flow::Commitment> commitments_from_json(const std::string& text) {
  std::vector<flow::Commitment> out;
  const json::value parsed = json::parse(text.empty() ? "[]" : text);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    flow::Commitment m;
    m.item = std::string(o.at("item").as_string());
    m.step = std::string(o.at("step").as_string());
    for (const auto& r : o.at("replaces").as_array()) m.replaces.emplace_back(r.as_string());
    m.verify_within = calendar::parse_limit(o.at("verify_within").as_string());
    m.outcome = std::string(o.at("outcome").as_string());
    m.reason = std::string(o.at("reason").as_string());
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ow::casework
