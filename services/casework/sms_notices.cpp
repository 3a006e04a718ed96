// SMS notices: settings, texts and queueing.
#include "services/casework/sms_notices.hpp"

#include <boost/json.hpp>
#include <mutex>

#include "services/platform/log.hpp"
#include "services/store/sms_store.hpp"
#include "workflow/flow/identity.hpp"
#include "workflow/notify/sms_text.hpp"

namespace ow::casework {
namespace {

std::mutex settings_mutex;
std::shared_ptr<const SmsNoticeSettings> installed;

std::shared_ptr<const SmsNoticeSettings> settings() {
  std::lock_guard lock(settings_mutex);
  return installed;
}

// The ID numbers the applicant record holds (the applicant's, an agent's): never in a text.
std::vector<std::string> id_numbers(const std::string& applicant_json) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  const auto v = boost::json::parse(applicant_json, ec);
  if (ec || !v.is_object()) return out;
  auto take = [&out](const boost::json::object& o) {
    if (const auto* id = o.if_contains("id_number"); id && id->is_string()) out.emplace_back(id->as_string());
  };
  take(v.as_object());
  if (const auto* agent = v.as_object().if_contains("agent"); agent && agent->is_object()) take(agent->as_object());
  return out;
}

// "2026-12-03T17:30:00+08:00" → 2026年12月3日 (empty when there is none).
std::string date_of(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 10) return {};
  try {
    return notify::chinese_date(calendar::parse_date(iso->substr(0, 10)));
  } catch (const std::exception&) {
    return {};
  }
}

std::string delivery_words(const notify::SmsNotice& n) {
  if (n.delivery_method == "post")
    return "通过邮寄送出" + (n.tracking_number.empty() ? std::string() : "，快递单号" + n.tracking_number);
  return "通过电子方式送达，请登录网上办事页面查看";
}

void insert(store::Tx& tx, const SmsNoticeSettings& s, const store::CaseRow& row, const notify::SmsNotice& n,
            calendar::Instant now) {
  const std::string mobile = mobile_number(row.phone);
  if (mobile.empty()) return;  // no mobile number: nothing to send to (a landline, or none given)
  const auto loaded = s.catalog ? s.catalog->version(tx, row.catalog_version) : nullptr;
  std::string text;
  try {
    text = sms_text(s, row, loaded ? &loaded->catalog : nullptr, n, now);
  } catch (const std::exception& e) {
    platform::log(platform::LogLevel::warn, "SMS notice not queued: its template failed",
                  {{"kind", n.kind}, {"why", e.what()}});
    return;
  }
  store::sms::insert(tx, row.id, n.kind, flow::mask_phone(mobile), text);
}

}  // namespace

const std::vector<std::string>& sms_kinds() {
  static const std::vector<std::string> kinds = {"accepted", "supplement", "result_ready", "delivered", "followup"};
  return kinds;
}

void check_sms_settings(const SmsNoticeSettings& s) {
  for (const auto& kind : sms_kinds()) {
    const auto it = s.templates.find(kind);
    const std::string why = it == s.templates.end() ? "missing" : notify::check_sms_template(it->second);
    if (!why.empty()) throw std::invalid_argument("sms.template_" + kind + ": " + why);
  }
}

void use_sms_notices(std::shared_ptr<const SmsNoticeSettings> s) {
  std::lock_guard lock(settings_mutex);
  installed = std::move(s);
}

std::string mobile_number(const std::string& phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ' && c != '-' && c != '+')
      return {};
  if (digits.size() == 13 && digits.starts_with("86")) digits = digits.substr(2);
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3') return {};
  return digits;
}

std::string sms_text(const SmsNoticeSettings& s, const store::CaseRow& c, const catalog::Catalog* catalog,
                     const notify::SmsNotice& n, calendar::Instant now) {
  std::map<std::string, std::string> values{{"case_number", c.number},
                                            {"bundle", c.bundle_code},
                                            {"date", notify::chinese_date(calendar::cst_date(now))},
                                            {"due_date", date_of(c.committed_due_at)},
                                            {"hall", "政务服务中心"}};
  std::string materials;
  for (const auto& m : n.materials) {
    std::string name = m;
    if (catalog)
      if (auto it = catalog->materials.find(m); it != catalog->materials.end()) name = it->second.name;
    materials += (materials.empty() ? "" : "、") + name;
  }
  values["materials"] = materials;
  if (n.due) values["due_date"] = notify::chinese_date(*n.due);
  if (n.kind == "delivered") values["delivery"] = delivery_words(n);
  if (!n.date.empty()) values["date"] = n.date;
  if (catalog) {
    if (auto it = catalog->bundles.find(c.bundle_code); it != catalog->bundles.end())
      values["bundle"] = it->second.name;
    if (c.hall_code)
      if (auto it = catalog->halls.find(*c.hall_code); it != catalog->halls.end()) values["hall"] = it->second.name;
  }
  const auto tmpl = s.templates.find(n.kind);
  if (tmpl == s.templates.end()) throw std::invalid_argument("no template for " + n.kind);
  const std::string signature = s.signature.empty() ? std::string() : "【" + s.signature + "】";
  return notify::mask_id_numbers(signature + notify::render_sms(tmpl->second, values), id_numbers(c.applicant));
}

void queue_sms_notices(store::Tx& tx, const store::CaseRow& row, const flow::CaseRecord& before,
                       const flow::Decision& d, calendar::Instant now) {
  const auto s = settings();
  if (!s) return;
  for (const auto& n : notify::sms_notices(before, d)) insert(tx, *s, row, n, now);
}

void queue_sms_notice(store::Tx& tx, std::int64_t case_id, const std::string& kind, const std::string& date,
                      calendar::Instant now) {
  const auto s = settings();
  if (!s) return;
  const auto row = store::cases::by_id(tx, case_id);
  if (!row) return;
  insert(tx, *s, *row, {kind, {}, std::nullopt, {}, {}, date}, now);
}

}  // namespace ow::casework
