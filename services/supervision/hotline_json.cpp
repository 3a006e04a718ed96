// Ticket views.
#include "services/supervision/hotline_json.hpp"

#include <array>
#include <boost/json.hpp>

#include "services/platform/json_fields.hpp"

#include "services/casework/case_views.hpp"
#include "services/supervision/region_names.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;

constexpr std::array<std::pair<const char*, const char*>, 4> kKinds = {
    {{"complaint", "投诉"}, {"consultation", "咨询"}, {"help", "求助"}, {"suggestion", "建议"}}};

json::value share(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return nullptr;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::optional<std::string> ticket_kind(const std::string& code_or_name) {
  for (const auto& [code, name] : kKinds)
    if (code_or_name == code || code_or_name == name) return std::string(code);
  return std::nullopt;
}

std::string ticket_kind_label(const std::string& code) {
  for (const auto& [c, name] : kKinds)
    if (code == c) return name;
  return code;
}

std::pair<std::string, std::string> ticket_clock_state(const store::TicketRow& t, calendar::Instant now) {
  const calendar::Instant due = calendar::parse_instant(t.due_at);
  if (t.answered_at)
    return calendar::parse_instant(*t.answered_at) > due ? std::pair<std::string, std::string>{"answered_late", "超期答复"}
                                                          : std::pair<std::string, std::string>{"answered", "已答复"};
  if (now >= due) return {"overdue", "已超期"};
  if (t.warn_at && now >= calendar::parse_instant(*t.warn_at)) return {"warning", "即将到期"};
  return {"running", "处理中"};
}

json::object ticket_json(const store::TicketRow& t, const catalog::Catalog* catalog, calendar::Instant now) {
  const catalog::Hall* hall = casework::hall_of(catalog, t.hall_code);
  std::string department_name;
  if (catalog && t.department_code)
    if (auto d = catalog->departments.find(*t.department_code); d != catalog->departments.end())
      department_name = d->second.name;
  const std::string region = catalog ? region_name(region_names_of(*catalog), t.region_code) : "";
  const auto [state, state_label] = ticket_clock_state(t, now);
  return json::object{
      {"id", t.id},
      {"hotline_id", t.hotline_id},
      {"kind", t.kind},
      {"kind_label", ticket_kind_label(t.kind)},
      {"subject", t.subject},
      {"region", t.region_code},
      {"region_name", region.empty() ? "区划" + t.region_code : region},
      {"case_number", platform::text_or_null(t.case_number)},
      {"hall", platform::text_or_null(t.hall_code)},
      {"hall_name", hall ? json::value(hall->name) : platform::text_or_null(t.hall_code)},
      {"window", platform::text_or_null(t.window_code)},
      {"window_name", t.window_code ? json::value(casework::window_name(hall, t.window_code)) : json::value(nullptr)},
      {"department", platform::text_or_null(t.department_code)},
      {"department_name", t.department_code ? json::value(department_name.empty() ? *t.department_code : department_name)
                                            : json::value(nullptr)},
      {"clerk_name", platform::text_or_null(t.clerk_name)},
      {"received_at", t.received_at},
      {"warn_at", platform::text_or_null(t.warn_at)},
      {"due_at", t.due_at},
      {"clock", json::object{{"state", state}, {"label", state_label}}},
      {"answered_at", platform::text_or_null(t.answered_at)},
      {"answered_by", platform::text_or_null(t.answered_by)},
      {"answer", platform::text_or_null(t.answer)},
      {"direct_answer", t.direct_answer ? json::value(*t.direct_answer) : json::value(nullptr)},
      {"repeat_complaint", t.repeat_complaint},
  };
}

json::object ticket_counts_json(const store::TicketCounts& c) {
  return json::object{{"received", c.received},
                      {"complaints", c.complaints},
                      {"repeat_complaints", c.repeat_complaints},
                      {"answered", c.answered},
                      {"direct_answers", c.direct_answers},
                      {"overdue", c.overdue},
                      {"open", c.open},
                      {"repeat_complaint_rate", share(c.repeat_complaints, c.complaints)},
                      {"direct_answer_rate", share(c.direct_answers, c.answered)}};
}

}  // namespace ow::supervision
