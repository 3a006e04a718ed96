// The sampling frame (抽样框): rows, checks, totals, CSV, and corrections of a row's contact.
#include <boost/json.hpp>
#include <sstream>

#include "services/casework/case_views.hpp"
#include "services/platform/problem.hpp"
#include "services/store/pii_access_store.hpp"
#include "services/store/survey_store.hpp"
#include "services/supervision/region_names.hpp"
#include "services/supervision/report_text.hpp"
#include "services/supervision/survey_service.hpp"
#include "workflow/calendar/chinese_time.hpp"
#include "workflow/survey/contact_checks.hpp"

namespace ow::supervision {
namespace {

namespace json = boost::json;
namespace problems = platform::problems;

// The person to call: a person's own name; for an enterprise its agent (经办人) when one came, else its name.
std::string contact_name(const std::string& applicant_json) {
  boost::system::error_code error;
  const auto v = json::parse(applicant_json, error);
  if (error || !v.is_object()) return "";
  const auto& o = v.as_object();
  if (const auto* agent = o.if_contains("agent"); agent && agent->is_object())
    if (const auto* n = agent->as_object().if_contains("name"); n && n->is_string() && !n->as_string().empty())
      return std::string(n->as_string());
  if (const auto* n = o.if_contains("name"); n && n->is_string()) return std::string(n->as_string());
  return "";
}

const char* channel_label(const std::string& channel) {
  if (channel == "window") return "窗口";
  if (channel == "kiosk") return "自助终端";
  if (channel == "online") return "网上申请";
  if (channel == "app") return "掌上办";
  return "其他";
}

std::string day_of(const std::optional<std::string>& iso) {
  return iso && iso->size() >= 10 ? calendar::chinese_time(iso->substr(0, 10)) : "";
}

const char* const kHeaders[] = {"办件编号", "一件事",   "受理大厅",      "区县",     "申请渠道",
                                "申请日期", "受理日期", "办结/终止日期", "办理结果", "联系人",
                                "联系电话", "已更正",   "抽样框问题"};

}  // namespace

std::pair<std::string, std::string> contact_of(const store::FrameRow& row) {
  if (row.correction) return {row.correction->name, row.correction->phone};
  return {contact_name(row.applicant_json), row.phone};
}

std::string survey_scope(const platform::Actor& a, const std::optional<std::string>& region) {
  std::string scope = platform::region_scope(a.region_code);
  if (region && !region->empty()) {
    if (!region->starts_with(scope)) throw problems::forbidden("region " + *region + " is outside your scope");
    scope = platform::region_scope(*region);
  }
  return scope;
}

std::pair<calendar::Date, calendar::Date> parse_month(const std::string& month) {
  try {
    if (month.size() != 7 || month[4] != '-') throw std::invalid_argument(month);
    const int y = std::stoi(month.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(month.substr(5, 2)));
    const calendar::Date first = calendar::make_date(y, m, 1);
    return {first, m == 12 ? calendar::make_date(y + 1, 1, 1) : calendar::make_date(y, m + 1, 1)};
  } catch (const std::exception&) {
    throw problems::bad_request("month is written like 2026-11", "month");
  }
}

json::array SurveyService::frame_rows(const platform::Actor& a, const std::string& scope, const std::string& month,
                                      const Reader& reader, json::object& totals) {
  const auto [first, next] = parse_month(month);
  const auto loaded = catalog_.current();
  const catalog::Catalog* catalog = loaded ? &loaded->catalog : nullptr;
  const RegionNames regions = catalog ? region_names_of(*catalog) : RegionNames{};
  std::vector<store::FrameRow> rows;
  pool_.transact([&](store::Tx& tx) {
    rows = store::survey::frame(tx, scope, calendar::format_instant(calendar::cst_instant(first, 0)),
                                calendar::format_instant(calendar::cst_instant(next, 0)));
    std::vector<std::string> numbers;
    for (const auto& r : rows) numbers.push_back(r.number);
    store::pii_access::record(tx, {a.user_id, a.login, platform::to_string(a.role), reader.route, reader.request_id},
                              numbers);
  });
  std::vector<survey::FrameContact> contacts;
  for (const auto& r : rows) {
    const auto [name, phone] = contact_of(r);
    contacts.push_back({name, phone, r.applicant_key});
  }
  const auto issues = survey::check_frame(contacts);
  json::array items;
  std::map<std::string, std::int64_t> counts;
  std::int64_t clean = 0, corrected = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    json::array problems_of_row;
    for (auto issue : issues[i]) {
      problems_of_row.push_back(
          json::object{{"code", survey::issue_code(issue)}, {"label", survey::issue_label(issue)}});
      ++counts[survey::issue_code(issue)];
    }
    if (issues[i].empty()) ++clean;
    const catalog::Hall* hall = casework::hall_of(catalog, r.hall_code);
    auto bundle = catalog ? catalog->bundles.find(r.bundle_code) : decltype(catalog->bundles.end()){};
    json::object item{
        {"case_number", r.number},
        {"bundle", r.bundle_code},
        {"bundle_name", catalog && bundle != catalog->bundles.end() ? bundle->second.name : r.bundle_code},
        {"hall_name", hall ? json::value(hall->name) : json::value("")},
        {"district", r.region_code},
        {"district_name", region_name(regions, r.region_code)},
        {"channel", r.channel},
        {"channel_label", channel_label(r.channel)},
        {"applied_on", day_of(r.created_at)},
        {"accepted_on", day_of(r.accepted_at)},
        {"ended_on", day_of(r.ended_at)},
        {"ended_at", r.ended_at},
        {"outcome", r.state},
        {"outcome_label", casework::state_label(r.state)},
        {"contact_name", contacts[i].name},
        {"contact_phone", contacts[i].phone},
        {"issues", problems_of_row}};
    if (r.correction) {
      ++corrected;
      item["correction"] = json::object{{"at", r.correction->at},
                                        {"at_label", calendar::chinese_time(r.correction->at)},
                                        {"by", r.correction->by},
                                        {"reason", r.correction->reason}};
    }
    items.push_back(std::move(item));
  }
  totals = json::object{{"rows", static_cast<std::int64_t>(rows.size())}, {"clean", clean}, {"corrected", corrected}};
  for (auto issue : {survey::FrameIssue::phone_missing, survey::FrameIssue::phone_invalid,
                     survey::FrameIssue::name_missing, survey::FrameIssue::duplicate_applicant})
    totals[survey::issue_code(issue)] = counts[survey::issue_code(issue)];
  return items;
}

json::object SurveyService::frame(const platform::Actor& a, const std::string& month,
                                  const std::optional<std::string>& region, const Reader& reader) {
  const std::string scope = survey_scope(a, region);
  json::object totals;
  json::array items = frame_rows(a, scope, month, reader, totals);
  json::array issue_labels;
  for (auto issue : {survey::FrameIssue::phone_missing, survey::FrameIssue::phone_invalid,
                     survey::FrameIssue::name_missing, survey::FrameIssue::duplicate_applicant})
    issue_labels.push_back(json::object{{"code", survey::issue_code(issue)}, {"label", survey::issue_label(issue)}});
  return json::object{{"month", month},
                      {"region", scope},
                      {"generated_at", calendar::format_instant(now_())},
                      {"items", std::move(items)},
                      {"totals", std::move(totals)},
                      {"issue_labels", std::move(issue_labels)}};
}

std::string SurveyService::frame_csv(const platform::Actor& a, const std::string& month,
                                     const std::optional<std::string>& region, const Reader& reader) {
  const std::string scope = survey_scope(a, region);
  json::object totals;
  const json::array items = frame_rows(a, scope, month, reader, totals);
  std::ostringstream o;
  o << "\xEF\xBB\xBF"
    << "抽样框," << month.substr(0, 4) << "年" << std::stoi(month.substr(5, 2)) << "月,共" << items.size() << "条\n";
  for (std::size_t i = 0; i < std::size(kHeaders); ++i) o << (i ? "," : "") << kHeaders[i];
  o << "\n";
  auto s = [](const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); };
  for (const auto& v : items) {
    const auto& r = v.as_object();
    std::string issues;
    for (const auto& p : r.at("issues").as_array()) issues += (issues.empty() ? "" : "；") + s(p.at("label"));
    const std::string district = s(r.at("district_name")).empty() ? s(r.at("district")) : s(r.at("district_name"));
    const std::vector<std::string> cells = {s(r.at("case_number")),
                                            s(r.at("bundle_name")),
                                            s(r.at("hall_name")),
                                            district,
                                            s(r.at("channel_label")),
                                            s(r.at("applied_on")),
                                            s(r.at("accepted_on")),
                                            s(r.at("ended_on")),
                                            s(r.at("outcome_label")),
                                            s(r.at("contact_name")),
                                            s(r.at("contact_phone")),
                                            r.contains("correction") ? "是" : "否",
                                            issues};
    for (std::size_t i = 0; i < cells.size(); ++i) o << (i ? "," : "") << csv_field(cells[i]);
    o << "\n";
  }
  o << "\n合计," << totals.at("rows").as_int64() << ",无问题," << totals.at("clean").as_int64() << ",电话缺失,"
    << totals.at("phone_missing").as_int64() << ",电话无效," << totals.at("phone_invalid").as_int64() << ",姓名缺失,"
    << totals.at("name_missing").as_int64() << ",重复申请人," << totals.at("duplicate_applicant").as_int64() << "\n";
  return o.str();
}

json::object SurveyService::correct(const platform::Actor& a, const json::object& body, const Reader& reader,
                                    std::optional<RepeatedPost>* repeat) {
  std::optional<RepeatedPost> none;
  auto& r = repeat ? *repeat : none;
  auto text = [&](const char* name, std::size_t max) -> std::optional<std::string> {
    const auto* v = body.if_contains(name);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string() || v->as_string().size() > max)
      throw problems::bad_request(std::string(name) + " is text of at most " + std::to_string(max) + " bytes", name);
    return std::string(v->as_string());
  };
  const auto number = text("case_number", 32);
  if (!number || number->empty()) throw problems::bad_request("case_number is required", "case_number");
  const auto reason = text("reason", 500);
  if (!reason || reason->find_first_not_of(" \t") == std::string::npos)
    throw problems::bad_request("say why the contact is corrected", "reason");
  auto name = text("contact_name", 100);
  auto phone = text("contact_phone", 20);
  if (!name && !phone) throw problems::bad_request("give the corrected contact_name or contact_phone", "contact_phone");
  if (phone && !phone->empty() && !survey::valid_mainland_phone(*phone))
    throw problems::bad_request("contact_phone must be a mainland mobile or landline number", "contact_phone");
  const std::string at = calendar::format_instant(now_());
  json::object answer;
  pool_.transact([&](store::Tx& tx) {
    const auto ref = store::survey::case_ref(tx, *number);
    if (!ref || !a.covers(ref->region_code) || !ref->ended)
      throw problems::not_found("no ended application " + *number);
    const store::PiiReader who{a.user_id, a.login, platform::to_string(a.role), reader.route, reader.request_id};
    if (auto kept = replay(tx, r)) {  // the first answer again: its contact is handed out again, and recorded
      store::pii_access::record(tx, who, {*number});
      answer = json::parse(*kept).as_object();
      return;
    }
    auto current = store::survey::frame_of_cases(tx, {ref->id});
    const auto& c = current.at(0);
    const auto [old_name, old_phone] = contact_of(c);
    store::survey::correct_contact(tx, ref->id, *number, a.user_id, a.login, *reason, name ? *name : old_name,
                                   phone ? *phone : old_phone, at);
    store::pii_access::record(tx, who, {*number});
    const auto row = store::survey::frame_of_cases(tx, {ref->id}).at(0);
    const auto& k = *row.correction;
    answer = json::object{
        {"case_number", *number},
        {"contact_name", k.name},
        {"contact_phone", k.phone},
        {"correction",
         json::object{{"at", k.at}, {"at_label", calendar::chinese_time(k.at)}, {"by", k.by}, {"reason", k.reason}}}};
    keep(tx, r, json::serialize(answer));
  });
  return answer;
}

}  // namespace ow::supervision
