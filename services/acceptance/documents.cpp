// HTML documents and the QR code.
#include "services/acceptance/documents.hpp"

#include <qrencode.h>

#include <boost/json.hpp>
#include <memory>

#include "services/acceptance/commitment_letter.hpp"
#include "services/casework/case_views.hpp"
#include "services/casework/query_code.hpp"
#include "services/casework/record_codec.hpp"
#include "services/platform/problem.hpp"
#include "workflow/calendar/chinese_time.hpp"
#include "workflow/flow/identity.hpp"

namespace ow::acceptance {
namespace {

// What people read on paper: 2026年11月27日 21:09 (or the date alone), not ISO text; the form a material came in
// by its name.
using calendar::chinese_time;

std::string form_label(const std::string& form) {
  if (form == "original") return "原件";
  if (form == "copy") return "复印件";
  if (form == "electronic") return "电子件";
  if (form == "elicense") return "电子证照";
  return form;
}

namespace json = boost::json;

const char* kStyle =
    "<style>@page{size:A4;margin:18mm 20mm}body{font-family:'Noto Serif CJK SC','SimSun',serif;font-size:12pt;color:#000}"
    ".hall{text-align:center;font-size:14pt;letter-spacing:2pt;margin:0}"
    "h1{text-align:center;font-size:20pt;letter-spacing:4pt;margin:6pt 0 10pt}"
    ".number{text-align:center;margin:0 0 8pt}.number .no{font-size:18pt;font-weight:bold;letter-spacing:1pt}"
    "table{width:100%;border-collapse:collapse;margin:8pt 0}"
    "td,th{border:1px solid #000;padding:4pt 6pt;vertical-align:top}th{width:24%;text-align:left;font-weight:normal;background:#f3f3f3}"
    ".qr{float:right;width:30mm;height:30mm}.foot{margin-top:18pt}.no{font-family:'Noto Sans Mono CJK SC',monospace}"
    ".code{font-family:'Noto Sans Mono CJK SC',monospace;font-size:16pt;font-weight:bold;letter-spacing:2pt}"
    "ol{margin:0;padding-left:18pt}@media print{.noprint{display:none}}</style>";

// 《中华人民共和国行政许可法》第三十二条: incomplete materials are told once, all together (一次性告知).
const char* kSupplementBasis =
    "《中华人民共和国行政许可法》第三十二条第一款第（四）项：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内"
    "一次告知申请人需要补正的全部内容。";

std::string material_name(const catalog::Catalog& c, const std::string& id) {
  auto it = c.materials.find(id);
  return it == c.materials.end() ? id : it->second.name;
}

// The accepting hall and window by name (their codes when the catalog does not name them).
const catalog::Hall* hall_of(const store::CaseRow& c, const catalog::Catalog& catalog) {
  return casework::hall_of(&catalog, c.hall_code);
}

std::string hall_name(const store::CaseRow& c, const catalog::Catalog& catalog) {
  const auto* h = hall_of(c, catalog);
  return h ? h->name : c.hall_code.value_or("");
}

std::string window_name(const store::CaseRow& c, const catalog::Catalog& catalog) {
  const std::string name = casework::window_name(hall_of(c, catalog), c.window_code);
  return name.empty() ? c.window_code.value_or("") : name;
}

// The issuing hall, the title, the case number in large type, then the table of the case's facts with the query
// code right under them (where the applicant looks first).
std::string header(const std::string& title, const store::CaseRow& c, const catalog::Catalog& catalog,
                   const ReceiptLink& link) {
  const auto applicant = json::parse(c.applicant).as_object();
  std::string who = html_escape(std::string(applicant.at("name").as_string()));
  if (applicant.contains("id_number"))
    who += "（身份证号 " + flow::mask_id(applicant.at("id_number").as_string()) + "）";
  if (applicant.contains("credit_code"))
    who += "（统一社会信用代码 " + html_escape(std::string(applicant.at("credit_code").as_string())) + "）";
  if (const auto* a = applicant.if_contains("agent"); a && a->is_object()) {  // 设立登记: no credit code yet
    const auto& ao = a->as_object();
    who += "（设立登记，经办人 " + html_escape(std::string(ao.at("name").as_string())) + "，身份证号 " +
           flow::mask_id(ao.at("id_number").as_string()) + "）";
  }
  std::string newborn_row;
  if (const auto* n = applicant.if_contains("newborn"); n && n->is_object()) {
    const auto& no = n->as_object();
    const std::string cert(no.at("certificate_number").as_string());
    newborn_row = "<tr><th>新生儿</th><td>" + html_escape(std::string(no.at("name").as_string())) + "，" +
                  html_escape(std::string(no.at("sex").as_string())) + "，" +
                  chinese_time(std::string(no.at("birth_date").as_string())) + "出生；出生医学证明编号 " +
                  html_escape(cert.size() > 5
                                  ? cert.substr(0, 1) + std::string(cert.size() - 5, '*') + cert.substr(cert.size() - 4)
                                  : cert) +
                  "</td></tr>";
  }
  auto b = catalog.bundles.find(c.bundle_code);
  std::string code_row = link.query_code ? "<tr><th>查询码</th><td class=\"code\">" +
                                               casework::query_code::grouped(*link.query_code) + "</td></tr>"
                         : c.accepted_at ? "<tr><th>查询码</th><td>（仅在受理窗口打印的回执上显示）</td></tr>"
                                         // not accepted yet (a 补正 notice at intake): no code exists
                                         : "<tr><th>查询码</th><td>（受理后随受理回执发放）</td></tr>";
  return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title + " " + c.number +
         "</title>" + kStyle + "</head><body><p class=\"hall\">" + html_escape(hall_name(c, catalog)) + "</p><h1>" +
         title + "</h1><p class=\"number\">办件编号 <span class=\"no\">" + c.number + "</span></p><table>" + code_row +
         "<tr><th>申请人</th><td>" + who + "</td></tr><tr><th>联系电话</th><td>" + flow::mask_phone(c.phone) +
         "</td></tr>" + newborn_row + "<tr><th>事项</th><td>" +
         html_escape(b == catalog.bundles.end() ? c.bundle_code : b->second.name) + "</td></tr>";
}

// The 进度查询 row (QR code to the applicant's page), then who issued the document, where, and whom to ask.
std::string footer(const store::CaseRow& c, const catalog::Catalog& catalog, const ReceiptLink& link) {
  const auto* h = hall_of(c, catalog);
  std::string out =
      "<tr><th>进度查询</th><td>" + qr_svg(progress_link(link.base_url, c.number, link.query_code)) +
      (link.query_code
           ? "扫描二维码，或在“办件进度查询”页面输入办件编号和查询码，即可查询办理进度、评价服务。请妥善保管查询码，勿告知他人。"
           : "凭办件编号与查询码查询办理进度") +
      "</td></tr></table><p class=\"foot\">受理窗口：" + html_escape(hall_name(c, catalog)) + " " +
      html_escape(window_name(c, catalog));
  if (!link.clerk_name.empty()) out += "　　受理人：" + html_escape(link.clerk_name);
  out += "</p>";
  if (h) {
    out += "<p>咨询电话：" + html_escape(h->phone) + "　　地址：" + html_escape(h->address);
    if (!h->hours.empty()) out += "　　办公时间：" + html_escape(h->hours);
    out += "</p>";
  }
  return out + "<p>日期：" + chinese_time(c.created_at.substr(0, 10)) +
         "</p><p class=\"foot\">（盖章）</p></body></html>";
}

std::string list_items(const json::array& ids, const catalog::Catalog& catalog) {
  std::string out = "<ol>";
  for (const auto& id : ids) out += "<li>" + html_escape(material_name(catalog, std::string(id.as_string()))) + "</li>";
  return out + "</ol>";
}

std::string department_name(const catalog::Catalog& catalog, const std::string& code) {
  auto d = catalog.departments.find(code);
  return d == catalog.departments.end() ? code : d->second.name;
}

// One department's open 补正 request: who asks, for which item, what, why, since when, by when, on what basis.
std::string department_request_rows(const store::TaskRow& t, const store::CaseRow& c, const catalog::Catalog& catalog) {
  const auto s = casework::supplement_from_json(*t.supplement);
  const catalog::ServiceItem* item = nullptr;
  if (auto b = catalog.bundles.find(c.bundle_code); b != catalog.bundles.end())
    for (const auto& step : b->second.steps)
      if (step.id == t.step)
        if (auto i = catalog.items.find(step.item); i != catalog.items.end()) item = &i->second;
  std::string materials = "<ol>";
  for (const auto& m : s.materials) materials += "<li>" + html_escape(material_name(catalog, m)) + "</li>";
  materials += "</ol>";
  std::string rows = "<tr><th>提出部门</th><td>" + html_escape(department_name(catalog, t.department_code)) +
                     (item ? "（" + html_escape(item->name) + "）" : std::string()) +
                     "</td></tr><tr><th>需补正材料</th><td>" + materials + "</td></tr><tr><th>补正原因</th><td>" +
                     html_escape(s.reason) + "</td></tr><tr><th>提出时间</th><td>" +
                     chinese_time(calendar::format_instant(s.since)) + "</td></tr><tr><th>补正期限</th><td>" +
                     (s.due ? "请于 " + chinese_time(calendar::format_date(*s.due)) + " 前补正"
                            : std::string("补齐后即可提交，部门未规定期限")) +
                     "</td></tr>";
  if (item && !item->legal_basis.empty())
    rows += "<tr><th>依据</th><td>" + html_escape(item->legal_basis) + "</td></tr>";
  return rows;
}

}  // namespace

std::string progress_link(const std::string& base_url, const std::string& number,
                          const std::optional<std::string>& query_code) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/progress?number=" + number +
         (query_code ? "&code=" + casework::query_code::grouped(*query_code) : "");
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string qr_svg(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M),
                                                     &QRcode_free);
  if (!qr) return {};
  const int n = qr->width, margin = 2, size = n + 2 * margin;
  std::string svg = "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) +
                    " " + std::to_string(size) +
                    "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"";
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr->data[y * n + x] & 1)
        svg += "M" + std::to_string(x + margin) + "," + std::to_string(y + margin) + "h1v1h-1z";
  return svg + "\" fill=\"#000\"/></svg>";
}

// The committed due instant in words; a limit that has not started yet says when it starts (自公告期满之日起
// 1个工作日内办结); a paused one says so.
std::string committed_due_words(const store::CaseRow& c, const catalog::Catalog& catalog) {
  if (c.committed_due_at) return chinese_time(*c.committed_due_at);
  auto b = catalog.bundles.find(c.bundle_code);
  if (b == catalog.bundles.end() || !b->second.limit_starts) return "（暂停计时）";
  const calendar::Limit& l = b->second.committed;
  const std::string amount = std::to_string(l.amount);
  const std::string words = l.kind == calendar::Limit::Kind::working_hours  ? amount + "个工作小时"
                            : l.kind == calendar::Limit::Kind::natural_days ? amount + "日"
                                                                            : amount + "个工作日";
  return html_escape("自" + b->second.limit_starts->name + "之日起" + words + "内办结");
}

std::string render_document(const std::string& kind, const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                            const std::vector<store::AuditRow>& audit, const catalog::Catalog& catalog,
                            const ReceiptLink& link) {
  const auto kinds = casework::document_kinds(audit, c, tasks);
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
    throw platform::problems::not_found("case " + c.number + " has no " + kind);
  const auto decision = json::parse(c.decision).as_object();
  if (kind == "commitment_letter")  // 告知承诺 (commitment_letter.hpp)
    return header("告知承诺书", c, catalog, link) + commitment_letter_rows(c, catalog) + footer(c, catalog, link);
  if (kind == "revocation_notice")
    return header("撤销决定告知书", c, catalog, link) + revocation_rows(c, audit, catalog) + footer(c, catalog, link);
  if (kind == "receipt") {
    std::string departments;
    for (const auto& t : tasks) {
      const std::string name = department_name(catalog, t.department_code);
      if (departments.find(name) == std::string::npos) departments += (departments.empty() ? "" : "、") + name;
    }
    std::string received;
    const json::value parsed_1 = json::parse(c.materials);
    for (const auto& m : parsed_1.as_array()) {
      // How it was satisfied (cases before the e-licence exemption recorded the form only).
      const auto* satisfied = m.as_object().if_contains("satisfied");
      const std::string how = satisfied ? std::string(satisfied->as_string()) : "";
      received += "<li>" + html_escape(material_name(catalog, std::string(m.at("id").as_string()))) + "（" +
                  (how == "电子证照核验" ? std::string("免提交，电子证照核验")
                                         : html_escape(form_label(std::string(m.at("form").as_string()))) +
                                               (how.empty() ? "" : "，" + html_escape(how))) +
                  "）</li>";
    }
    return header("受理回执", c, catalog, link) + "<tr><th>办理部门</th><td>" + html_escape(departments) +
           "</td></tr><tr><th>受理时间</th><td>" + chinese_time(c.accepted_at.value_or("")) +
           "</td></tr><tr><th>承诺办结时间</th><td>" + committed_due_words(c, catalog) +
           "</td></tr><tr><th>法定办结时间</th><td>" +
           (c.statutory_due_at ? chinese_time(*c.statutory_due_at) : std::string("（暂停计时）")) +
           "</td></tr><tr><th>已收材料</th><td><ol>" + received + "</ol></td></tr>" + footer(c, catalog, link);
  }
  if (kind == "supplement_notice") {
    json::array missing = decision.contains("missing") ? decision.at("missing").as_array() : json::array{};
    const auto* h = hall_of(c, catalog);
    return header("补正材料一次性告知书", c, catalog, link) + "<tr><th>需补正材料</th><td>" +
           list_items(missing, catalog) +
           "</td></tr><tr><th>补正期限</th><td>不设期限，补齐后即可提交；办理时限自补齐受理之日起计算</td></tr>"
           "<tr><th>告知</th><td>请一次性补齐上列全部材料，携带本告知书到" +
           html_escape(h ? h->name : std::string("本中心")) +
           "提交（凭办件编号即可办理，无需重新填表）；补正期间不计入办理时限。</td></tr><tr><th>依据</th><td>" +
           kSupplementBasis + "</td></tr>" + footer(c, catalog, link);
  }
  if (kind == "department_supplement_notice") {
    std::string rows;
    for (const auto& t : tasks)
      if (t.supplement && t.state == "SupplementRequested") rows += department_request_rows(t, c, catalog);
    const auto* h = hall_of(c, catalog);
    return header("补正材料告知书", c, catalog, link) + rows +
           "<tr><th>告知</th><td>审批部门在办理中要求补正上列材料。请补齐后携带本告知书到" +
           html_escape(h ? h->name : std::string("受理窗口")) +
           "提交；补正期间该部门暂停计时，收到材料后继续办理。</td></tr>" + footer(c, catalog, link);
  }
  if (kind == "deferral_notice") {
    std::string rows;
    const json::value parsed_2 = json::parse(c.deferred);
    for (const auto& d : parsed_2.as_array())
      rows += "<li>" + html_escape(material_name(catalog, std::string(d.at("material").as_string()))) + "，请于 " +
              chinese_time(std::string(d.at("due_date").as_string())) + " 前补交</li>";
    return header("容缺受理通知书", c, catalog, link) + "<tr><th>容缺材料</th><td><ol>" + rows +
           "</ol></td></tr><tr><th>告知</th><td>本件已容缺受理。逾期未补交的，将依规处理。</td></tr>" +
           footer(c, catalog, link);
  }
  // refusal_notice
  return header("不予受理通知书", c, catalog, link) + "<tr><th>不予受理理由</th><td>" +
         html_escape(decision.contains("reason") ? std::string(decision.at("reason").as_string()) : "") +
         "</td></tr><tr><th>依据</th><td>" +
         html_escape(decision.contains("legal_basis") ? std::string(decision.at("legal_basis").as_string()) : "") +
         "</td></tr><tr><th>救济途径</th><td>如不服本决定，可自收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。</td></tr>" +
         footer(c, catalog, link);
}

}  // namespace ow::acceptance
