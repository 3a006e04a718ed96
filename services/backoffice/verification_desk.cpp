// The 核查 verdict and the credit entry of a false commitment.
#include "services/backoffice/verification_desk.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "services/backoffice/task_access.hpp"
#include "services/casework/errors.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"

namespace ow::backoffice {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

std::string field_text(const json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string credit_holder(const json::object& applicant) {
  if (field_text(applicant, "kind") == "person") return field_text(applicant, "id_number");
  if (const auto* a = applicant.if_contains("agent");
      a && a->is_object() && field_text(applicant, "credit_code").empty())
    return field_text(a->as_object(), "id_number");
  return field_text(applicant, "credit_code");
}

json::object VerificationDesk::verify(const platform::Actor& a, std::int64_t id, const json::object& body) {
  require_approver(a);
  const std::string outcome = platform::text_field(body, "outcome", true, 20);
  if (outcome != "confirmed" && outcome != "false")
    throw problems::bad_request("outcome must be confirmed (核查属实) or false (承诺不实)", "outcome");
  const bool truthful = outcome == "confirmed";
  const std::string reason = platform::text_field(body, "reason", !truthful, 500);
  const std::string opinion = platform::text_field(body, "opinion", false, 500);
  bool retry_entry = false;  // found false before, its credit entry not recorded then: only the entry now
  const auto file = runner_.run(
      casework::CaseKey::of_task(id), casework::approver_of_task(a),
      [&](casework::CaseFile& f) {
        const auto* t = f.focus();
        const std::string step = flow::verified_step(t->step);
        if (step.empty())
          throw casework::Refusal(casework::RefusalKind::unprocessable, "not_a_verification_task",
                                  "该任务不是告知承诺核查任务", "only a 核查 task of a commitment takes a verification",
                                  json::object{{"field", "id"}});
        const auto m = std::find_if(f.record.commitments.begin(), f.record.commitments.end(),
                                    [&](const flow::Commitment& c) { return c.step == step; });
        if (m != f.record.commitments.end() && m->outcome == "false" && !truthful) {
          retry_entry = true;
          return std::vector<flow::Command>{};
        }
        if (!t->assignee_id || *t->assignee_id != a.user_id)
          throw casework::task_not_claimed("claim the 核查 task before giving its verdict");
        flow::TaskWork work{a.user_id, std::nullopt, opinion.empty() ? std::nullopt : std::optional(opinion)};
        return std::vector<flow::Command>{flow::VerifyCommitment{t->step, truthful, reason, work}};
      },
      a.log_id(), now_());
  const auto* t = file.focus();
  json::object answer{{"number", file.row.number},
                      {"step", t->step},
                      {"state", t->state},
                      {"case_state", file.row.state},
                      {"outcome", outcome}};
  if (truthful) return answer;
  // The case is revoked and committed: now the dishonesty entry (a network call, outside the transaction).
  const auto applicant = json::parse(file.row.applicant).as_object();
  const auto m = std::find_if(file.record.commitments.begin(), file.record.commitments.end(),
                              [&](const flow::Commitment& c) { return c.step == flow::verified_step(t->step); });
  try {
    // Keyed by case and step: a verdict posted again (after the credit service was away, or twice) is one entry.
    credit_.record(
        {credit_holder(applicant), "严重失信主体名单",
         "告知承诺不实（办件 " + file.row.number + "）：" + (m == file.record.commitments.end() ? reason : m->reason),
         "ow-commitment-false-" + file.row.number + "-" + t->step});
    answer["credit_entry"] = json::object{{"recorded", true}, {"list", "严重失信主体名单"}};
  } catch (const adapters::CreditUnavailable&) {
    platform::log(platform::LogLevel::warn,
                  "credit entry of case " + file.row.number +
                      " not recorded: the credit service did not answer; the verdict may be posted again");
    answer["credit_entry"] =
        json::object{{"recorded", false}, {"summary", "信用平台暂不可用，请稍后再次提交核查结论以记录失信信息"}};
  }
  answer["retried"] = retry_entry;
  return answer;
}

}  // namespace ow::backoffice
