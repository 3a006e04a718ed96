// Receiving, listing and answering 12345 tickets.
#include "services/supervision/hotline_desk.hpp"

#include <boost/json.hpp>

#include "services/catalog/catalog_json.hpp"
#include "services/platform/edge_input.hpp"
#include "services/platform/json_fields.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_personal_data.hpp"
#include "services/store/hotline_store.hpp"
#include "services/store/sealed_tickets_store.hpp"
#include "services/store/vault.hpp"
#include "services/supervision/hotline_json.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
using platform::text_field;
namespace problems = platform::problems;

platform::Problem unknown(const std::string& field, const std::string& what) {
  return platform::Problem(422, "unknown_" + field, "工单所涉" + what + "不存在", "no such " + field,
                           json::object{{"field", field}});
}

// The ticket's links and region, checked against the catalog and the cases.
void link(store::Tx& tx, const catalog::Catalog& catalog, const json::object& e, store::NewTicket& t) {
  t.case_number = platform::optional_text_field(e, "case_number", 64);
  t.hall_code = platform::optional_text_field(e, "hall", 64);
  t.window_code = platform::optional_text_field(e, "window", 64);
  t.department_code = platform::optional_text_field(e, "department", 64);
  std::optional<std::string> region = platform::optional_text_field(e, "region", 64);
  if (t.department_code && !catalog.departments.contains(*t.department_code)) throw unknown("department", "部门");
  if (t.case_number) {
    auto c = store::hotline::case_link(tx, *t.case_number);
    if (!c) throw unknown("case_number", "办件");
    region = c->region_code;
    if (!t.hall_code) t.hall_code = c->hall_code;
    if (!t.window_code && t.hall_code == c->hall_code) t.window_code = c->window_code;
    t.clerk_id = c->clerk_id;
  }
  if (t.window_code && !t.hall_code) throw problems::bad_request("a window is named with its hall", "hall");
  if (t.hall_code) {
    auto h = catalog.halls.find(*t.hall_code);
    if (h == catalog.halls.end()) throw unknown("hall", "服务大厅");
    if (t.window_code) {
      bool found = false;
      for (const auto& w : h->second.windows) found = found || w.code == *t.window_code;
      if (!found) throw unknown("window", "窗口");
    }
    if (!t.case_number) region = h->second.region_code;
  }
  if (!region) throw problems::bad_request("name the region (区划) when no case or hall is named", "region");
  if (!catalog.regions.contains(*region) && region->size() <= 6) throw unknown("region", "区划");
  t.region_code = *region;
}

}  // namespace

TicketAnswer HotlineDesk::receive(const platform::Actor& caller, const casework::SignedRequest& r) {
  casework::authenticate_signed(caller, {settings_.code, r.timestamp, r.signature, r.body}, settings_.secret,
                                "12345热线身份验证失败");
  const json::object e = platform::parse_json_object(r.body);
  store::NewTicket t;
  t.hotline_id = text_field(e, "id", true, 128);
  t.request_sha256 = catalog_service::sha256_hex(r.body);
  const auto kind = ticket_kind(text_field(e, "kind", true, 32));
  if (!kind) throw problems::bad_request("kind is 投诉, 咨询, 求助 or 建议", "kind");
  t.kind = *kind;
  t.subject = text_field(e, "subject", true, 200);
  calendar::Instant received = 0;
  try {
    received = calendar::parse_instant(text_field(e, "received_at", true, 40));
  } catch (const std::exception&) {
    throw problems::bad_request("received_at is an instant like 2026-11-27T09:30:00+08:00", "received_at");
  }
  const auto* applicant = e.if_contains("applicant");
  if (!applicant || !applicant->is_object()) throw problems::bad_request("applicant is an object", "applicant");
  const json::object& a = applicant->as_object();
  const std::string name = text_field(a, "name", true, 100), phone = text_field(a, "phone", true, 30),
                    id_number = text_field(a, "id_number", false, 30);
  calendar::Clock clock;
  clock.limit = settings_.limit;
  clock.started_at = received;
  std::optional<calendar::Instant> due, warn;
  try {
    due = math_.due_at(clock);
    warn = math_.warn_at(clock);
  } catch (const std::exception&) {
    throw problems::unprocessable("no_calendar", "工单受理时间超出工作日历范围",
                                  "the working-day calendar does not cover received_at");
  }
  if (!due) throw problems::internal("a ticket's clock has no due instant");
  t.received_at = calendar::format_instant(received);
  t.due_at = calendar::format_instant(*due);
  if (warn) t.warn_at = calendar::format_instant(*warn);
  const auto loaded = catalog_.current();
  if (!loaded) throw problems::unavailable("no_catalog", "服务目录尚未加载", "no catalog is loaded", 60);
  const calendar::Instant now = now_();

  return pool_.transact([&](store::Tx& tx) -> TicketAnswer {
    auto replay = [&](std::int64_t id, const std::string& hash) -> TicketAnswer {
      if (hash != t.request_sha256)
        throw platform::Problem(422, "ticket_id_reused", "工单编号已用于另一内容的工单",
                                "ticket " + t.hotline_id + " was received with a different body",
                                json::object{{"field", "id"}});
      return {200, ticket_json(*store::hotline::by_id(tx, id), &loaded->catalog, now), true};
    };
    if (auto seen = store::hotline::find(tx, t.hotline_id)) return replay(seen->first, seen->second);
    link(tx, loaded->catalog, e, t);
    const auto vault = store::vault();
    json::object sealed_applicant{{"name", name}, {"phone", phone}};
    if (!id_number.empty()) sealed_applicant["id_number"] = id_number;
    auto sealed = vault->seal(json::serialize(sealed_applicant), store::sealed_tickets::applicant_context(t.hotline_id));
    t.pii_key = sealed.key_id;
    t.applicant_sealed = std::move(sealed.text);
    t.applicant_index = id_number.empty() ? "phone:" + store::phone_index(*vault, phone)
                                          : "holder:" + store::holder_index(*vault, id_number);
    auto id = store::hotline::insert(tx, t);
    if (!id) {  // the same ticket, stored a moment ago by a concurrent request
      auto seen = store::hotline::find(tx, t.hotline_id);
      return replay(seen->first, seen->second);
    }
    return {201, ticket_json(*store::hotline::by_id(tx, *id), &loaded->catalog, now), false};
  });
}

json::object HotlineDesk::list(const platform::Actor& who, const std::map<std::string, std::string>& query) {
  auto q = [&](const char* name) -> std::optional<std::string> {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  store::TicketFilter f;
  f.region_prefix = platform::region_scope(who.region_code);
  if (auto region = q("region")) {
    if (!region->starts_with(f.region_prefix))
      throw problems::forbidden("region " + *region + " is outside your scope");
    f.region_prefix = platform::region_scope(*region);
  }
  if (who.role == platform::Role::approver) f.department = who.department_code.value_or("-");
  f.state = q("state");
  if (f.state && *f.state != "open" && *f.state != "answered" && *f.state != "overdue")
    throw problems::bad_request("state is open, answered or overdue", "state");
  const calendar::Instant now = now_();
  std::string from = calendar::format_instant(now - 30 * 86400), to = calendar::format_instant(now + 1);
  try {
    if (auto v = q("from")) from = calendar::format_instant(calendar::cst_instant(calendar::parse_date(*v), 0));
  } catch (const std::exception&) {
    throw problems::bad_request("from is a date like 2026-11-01", "from");
  }
  try {
    if (auto v = q("to")) to = calendar::format_instant(calendar::cst_instant(calendar::parse_date(*v) + 1, 0));
  } catch (const std::exception&) {
    throw problems::bad_request("to is a date like 2026-11-30", "to");
  }
  const auto loaded = catalog_.current();
  const std::string now_text = calendar::format_instant(now);
  return pool_.transact([&](store::Tx& tx) {
    json::array items;
    for (const auto& t : store::hotline::list(tx, f, now_text))
      items.push_back(ticket_json(t, loaded ? &loaded->catalog : nullptr, now));
    json::object summary = ticket_counts_json(store::hotline::counts(tx, f.region_prefix, from, to, now_text));
    summary["from"] = from;
    summary["to"] = to;
    return json::object{{"items", items}, {"summary", summary}};
  });
}

json::object HotlineDesk::answer(const platform::Actor& who, std::int64_t id, const json::object& body) {
  const std::string text = text_field(body, "answer", true, 2000);
  const auto* direct = body.if_contains("direct");
  if (!direct || !direct->is_bool())
    throw problems::bad_request("direct is true (当场答复/直接答复) or false", "direct");
  const calendar::Instant now = now_();
  const std::string at = calendar::format_instant(now);
  const auto loaded = catalog_.current();
  return pool_.transact([&](store::Tx& tx) {
    auto t = store::hotline::by_id(tx, id, true);
    const bool in_scope = t && who.covers(t->region_code) &&
                          (who.role == platform::Role::supervisor ||
                           (who.role == platform::Role::approver && who.department_code &&
                            t->department_code == who.department_code));
    if (!in_scope) throw problems::not_found("no ticket " + std::to_string(id));
    if (t->answered_at)
      throw problems::conflict("already_answered", "工单已答复", "ticket " + std::to_string(id) + " is answered");
    store::hotline::answer(tx, id, who.display_name.empty() ? who.login : who.display_name, text, direct->as_bool(), at);
    return ticket_json(*store::hotline::by_id(tx, id), loaded ? &loaded->catalog : nullptr, now);
  });
}

}  // namespace ow::supervision
