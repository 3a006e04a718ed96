// Reading a flow decision for the notices it calls for.
#include "workflow/notify/sms_notices.hpp"

namespace ow::notify {
namespace {

using machines::CaseState;

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    auto part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (!part.empty()) out.push_back(std::move(part));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

bool accepted(CaseState s) { return s == CaseState::Accepted || s == CaseState::InProgress; }

}  // namespace

std::vector<SmsNotice> sms_notices(const flow::CaseRecord& before, const flow::Decision& d) {
  std::vector<SmsNotice> out;
  const auto was = before.state, is = d.after.state;
  if (accepted(is) && (was == CaseState::New || was == CaseState::Submitted || was == CaseState::AwaitingSupplement))
    out.push_back({"accepted", {}, std::nullopt, {}, {}, {}});
  // 补正 at intake: the case event carries the missing materials (flow: joined with commas).
  for (const auto& a : d.audit)
    if (a.entity == "case" && a.event == machines::name(machines::CaseEvent::request_supplement))
      out.push_back({"supplement", split(a.detail), std::nullopt, {}, {}, {}});
  // 补正 asked by a department: a task whose request is new.
  for (const auto& t : d.after.tasks) {
    if (!t.supplement) continue;
    const auto* prior = before.task(t.step);
    if (prior && prior->supplement && prior->supplement->since == t.supplement->since) continue;
    out.push_back({"supplement", t.supplement->materials, t.supplement->due, {}, {}, {}});
  }
  if (is == CaseState::ResultReady && was != CaseState::ResultReady)
    out.push_back({"result_ready", {}, std::nullopt, {}, {}, {}});
  if (d.delivery && d.delivery->method != "window")
    out.push_back({"delivered", {}, std::nullopt, d.delivery->method, d.delivery->tracking_number, {}});
  return out;
}

}  // namespace ow::notify
