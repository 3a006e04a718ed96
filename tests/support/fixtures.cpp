// Shared test data.
#include "tests/support/fixtures.hpp"

#include <boost/json.hpp>

#include "services/store/pg_types.hpp"
#include "services/store/user_store.hpp"

namespace ow::testing {

namespace json = boost::json;

platform::Actor staff(store::PgPool& pool, const std::string& login, platform::Role role,
                      std::optional<std::string> department) {
  store::NewUser u{login, login, platform::to_string(role), "330106", std::nullopt, std::nullopt, department, "x"};
  if (role == platform::Role::clerk) u.hall_code = "XH01", u.window_code = "W01";
  platform::Actor a;
  a.user_id = pool.transact([&](ow::store::Tx& tx) { return store::users::insert(tx, u); });
  a.role = role;
  a.login = login;
  a.region_code = "330106";
  a.hall_code = u.hall_code;
  a.window_code = u.window_code;
  a.department_code = department;
  return a;
}

const std::string& two_page_pdf() {
  static const std::string pdf =
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n"
      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
      "4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
      "trailer << /Root 1 0 R >>\n%%EOF\n";
  return pdf;
}

json::object retirement_application(const std::string& channel) {
  json::object b{{"bundle", "TXYJS"},
                 {"channel", channel},
                 {"applicant", json::object{{"kind", "person"}, {"name", "李四"}, {"id_number", "11010519491231002X"}}},
                 {"contact_phone", "13812345678"},
                 {"materials", json::array{json::object{{"id", "id_card"}, {"form", "original"}},
                                           json::object{{"id", "household_register"}, {"form", "original"}},
                                           json::object{{"id", "retirement_application"}, {"form", "original"}}}}};
  if (channel == "window") b["decision"] = json::object{{"kind", "accept"}};
  return b;
}

json::object birth_application() {
  return json::object{
      {"bundle", "CSYJS"},
      {"applicant", json::object{{"kind", "person"}, {"name", "张三"}, {"id_number", "11010519491231002X"}}},
      {"contact_phone", "13812345678"},
      {"materials", json::array{json::object{{"id", "parents_id_cards"}, {"form", "elicense"}},
                                json::object{{"id", "marriage_certificate"}, {"form", "elicense"}},
                                json::object{{"id", "household_register"}, {"form", "original"}}}},
      {"decision", json::object{{"kind", "accept"}}}};
}

json::object company_application(bool needs_invoice, bool needs_bank_account) {
  json::array materials;
  for (const char* m :
       {"id_card", "company_application", "articles", "premises_proof", "representative_doc", "seal_application"})
    materials.push_back(json::object{{"id", m}, {"form", "original"}});
  if (needs_bank_account) materials.push_back(json::object{{"id", "account_application"}, {"form", "original"}});
  return json::object{
      {"bundle", "QYKB"},
      {"applicant",
       json::object{{"kind", "enterprise"}, {"name", "杭州一窗科技有限公司"}, {"credit_code", "91110000802100433B"}}},
      {"contact_phone", "13812345678"},
      // hires_employees: the 人社 step (单位参保登记, an inbox department) is part of every test company's case.
      {"attributes",
       json::object{
           {"needs_invoice", needs_invoice}, {"needs_bank_account", needs_bank_account}, {"hires_employees", true}}},
      {"materials", materials},
      {"decision", json::object{{"kind", "accept"}}}};
}

json::object power_application() {
  return json::object{
      {"bundle", "HDYD"},
      {"applicant",
       json::object{{"kind", "enterprise"}, {"name", "杭州一窗科技有限公司"}, {"credit_code", "91110000802100433B"}}},
      {"contact_phone", "13812345678"},
      {"materials", json::array{json::object{{"id", "id_card"}, {"form", "original"}},
                                json::object{{"id", "power_application"}, {"form", "original"}}}},
      {"decision", json::object{{"kind", "accept"}}}};
}

calendar::Instant at(const std::string& cst) { return calendar::parse_instant(cst + "+08:00"); }

}  // namespace ow::testing
