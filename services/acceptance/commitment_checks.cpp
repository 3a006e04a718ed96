// 告知承诺 at intake: the catalog's offer and the applicant's credit.
#include "services/acceptance/commitment_checks.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/platform/problem.hpp"

namespace ow::acceptance {

using platform::Problem;
namespace json = boost::json;

std::vector<flow::Commitment> commitments_for(const IntakeRequest& r, const catalog::Catalog& c,
                                              const catalog::Bundle& b, const std::vector<std::string>& active) {
  std::vector<flow::Commitment> out;
  int i = 0;
  for (const auto& code : r.commitments) {
    const std::string field = "commitments[" + std::to_string(i++) + "]";
    auto step = std::find_if(b.steps.begin(), b.steps.end(), [&](const catalog::Step& s) {
      return s.item == code && std::find(active.begin(), active.end(), s.id) != active.end();
    });
    if (step == b.steps.end())
      throw platform::problems::bad_request("'" + code + "' is not an item on this case's route", field);
    const catalog::ServiceItem& item = c.items.at(code);
    if (!item.commitment)
      throw Problem(422, "commitment_not_offered", "该事项不适用告知承诺制",
                    item.name + " accepts no commitment instead of its proofs", json::object{{"field", field}});
    for (const auto& m : item.commitment->replaces)
      if (std::any_of(r.materials.begin(), r.materials.end(), [&](const PresentedMaterial& p) { return p.id == m; }))
        throw platform::problems::bad_request("'" + m + "' is handed over and replaced by the commitment at once", field);
    out.push_back({code, step->id, item.commitment->replaces, item.commitment->verify_within, "", ""});
  }
  return out;
}

void check_commitment_credit(const adapters::CreditLookup* credit, const std::string& holder) {
  const char* take_proofs = "请改为收取证明材料";
  if (!credit)
    throw Problem(422, "commitment_credit_unavailable", std::string("信用核查未接入，不能适用告知承诺，") + take_proofs,
                  "no credit service is configured: a commitment is taken only on a clean record",
                  json::object{{"field", "commitments"}, {"available", false}});
  adapters::CreditStanding standing;
  try {
    standing = credit->check(holder);
  } catch (const adapters::CreditUnavailable&) {
    throw Problem(422, "commitment_credit_unavailable", std::string("信用核查暂不可用，不能适用告知承诺，") + take_proofs,
                  "the credit service did not answer: a commitment is taken only on a clean record",
                  json::object{{"field", "commitments"}, {"available", false}});
  }
  if (!standing.listed()) return;
  std::string lists;
  json::array names;
  for (const auto& l : standing.lists) {
    lists += (lists.empty() ? "" : "、") + l;
    names.emplace_back(l);
  }
  throw Problem(422, "commitment_refused_listed", "申请人列入" + lists + "，不适用告知承诺制，" + take_proofs,
                "a listed applicant may not sign a commitment instead of the proofs",
                json::object{{"field", "commitments"}, {"lists", std::move(names)}});
}

}  // namespace ow::acceptance
