// HTML documents and the QR code.
#include "services/acceptance/documents.hpp"

#include <qrencode.h>

#include <boost/json.hpp>
#include <memory>

#include "services/casework/case_views.hpp"
#include "services/casework/query_code.hpp"
#include "services/platform/problem.hpp"
#include "workflow/flow/identity.hpp"

namespace ow::acceptance {
namespace {

// What people read on paper: 2026年11月27日 21:09 (or the date alone), not ISO text; the form a material came in
// by its name.
std::string chinese_time(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
  std::string out = iso.substr(0, 4) + "年" + std::to_string(std::stoi(iso.substr(5, 2))) + "月" +
                    std::to_string(std::stoi(iso.substr(8, 2))) + "日";
  if (iso.size() >= 16 && (iso[10] == 'T' || iso[10] == ' ')) out += " " + iso.substr(11, 5);
  return out;
}

std::string form_label(const std::string& form) {
  if (form == "original") return "原件";
  if (form == "copy") return "复印件";
  if (form == "electronic") return "电子件";
  if (form == "elicense") return "电子证照";
  return form;
}

namespace json = boost::json;

const char* kStyle =
    "<style>@page{size:A4;margin:20mm}body{font-family:'Noto Serif CJK SC','SimSun',serif;font-size:12pt;color:#000}"
    "h1{text-align:center;font-size:20pt;letter-spacing:4pt}table{width:100%;border-collapse:collapse;margin:8pt 0}"
    "td,th{border:1px solid #000;padding:4pt 6pt;vertical-align:top}th{width:28%;text-align:left;font-weight:normal;background:#f3f3f3}"
    ".qr{float:right;width:30mm;height:30mm}.foot{margin-top:24pt}.no{font-family:monospace}"
    ".code{font-family:monospace;font-size:16pt;font-weight:bold;letter-spacing:2pt}"
    "@media print{.noprint{display:none}}</style>";

std::string material_name(const catalog::Catalog& c, const std::string& id) {
  auto it = c.materials.find(id);
  return it == c.materials.end() ? id : it->second.name;
}

std::string header(const std::string& title, const store::CaseRow& c, const catalog::Catalog& catalog) {
  const auto applicant = json::parse(c.applicant).as_object();
  std::string who = html_escape(std::string(applicant.at("name").as_string()));
  if (applicant.contains("id_number"))
    who += "（身份证号 " + flow::mask_id(applicant.at("id_number").as_string()) + "）";
  if (applicant.contains("credit_code"))
    who += "（统一社会信用代码 " + html_escape(std::string(applicant.at("credit_code").as_string())) + "）";
  auto b = catalog.bundles.find(c.bundle_code);
  return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + title + " " + c.number +
         "</title>" + kStyle + "</head><body><h1>" + title + "</h1><table><tr><th>办件编号</th><td class=\"no\">" +
         c.number + "</td></tr><tr><th>申请人</th><td>" + who + "</td></tr><tr><th>联系电话</th><td>" +
         flow::mask_phone(c.phone) + "</td></tr><tr><th>事项</th><td>" +
         html_escape(b == catalog.bundles.end() ? c.bundle_code : b->second.name) + "</td></tr>";
}

std::string footer(const store::CaseRow& c) {
  return "</table><p class=\"foot\">受理窗口：" + html_escape(c.hall_code.value_or("")) + " " +
         html_escape(c.window_code.value_or("")) + "　　日期：" + chinese_time(c.created_at.substr(0, 10)) +
         "</p><p class=\"foot\">（盖章）</p></body></html>";
}

std::string list_items(const json::array& ids, const catalog::Catalog& catalog) {
  std::string out = "<ol>";
  for (const auto& id : ids) out += "<li>" + html_escape(material_name(catalog, std::string(id.as_string()))) + "</li>";
  return out + "</ol>";
}

// The receipt's 查询码 row (right under the case's facts, where the applicant looks first) and its 进度查询 row.
std::string code_row(const ReceiptLink& link) {
  if (!link.query_code) return "<tr><th>查询码</th><td>（仅在受理窗口打印的回执上显示）</td></tr>";
  return "<tr><th>查询码</th><td class=\"code\">" + casework::query_code::grouped(*link.query_code) + "</td></tr>";
}

std::string lookup_row(const store::CaseRow& c, const ReceiptLink& link) {
  return "<tr><th>进度查询</th><td>" + qr_svg(progress_link(link.base_url, c.number, link.query_code)) +
         (link.query_code
              ? "扫描二维码，或在“办件进度查询”页面输入办件编号和查询码，即可查询办理进度、评价服务。请妥善保管查询码，勿告知他人。"
              : "凭办件编号与查询码查询办理进度") +
         "</td></tr>";
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

std::string render_document(const std::string& kind, const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                            const std::vector<store::AuditRow>& audit, const catalog::Catalog& catalog,
                            const ReceiptLink& link) {
  const auto kinds = casework::document_kinds(audit, c);
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
    throw platform::problems::not_found("case " + c.number + " has no " + kind);
  const auto decision = json::parse(c.decision).as_object();
  if (kind == "receipt") {
    std::string departments;
    for (const auto& t : tasks) {
      auto d = catalog.departments.find(t.department_code);
      const std::string name = d == catalog.departments.end() ? t.department_code : d->second.name;
      if (departments.find(name) == std::string::npos) departments += (departments.empty() ? "" : "、") + name;
    }
    std::string received;
    const json::value parsed_1 = json::parse(c.materials);
    for (const auto& m : parsed_1.as_array())
      received += "<li>" + html_escape(material_name(catalog, std::string(m.at("id").as_string()))) + "（" +
                  html_escape(form_label(std::string(m.at("form").as_string()))) + "）</li>";
    return header("受理回执", c, catalog) + code_row(link) + "<tr><th>办理部门</th><td>" + html_escape(departments) +
           "</td></tr><tr><th>受理时间</th><td>" + chinese_time(c.accepted_at.value_or("")) +
           "</td></tr><tr><th>承诺办结时间</th><td>" +
           (c.committed_due_at ? chinese_time(*c.committed_due_at) : std::string("（暂停计时）")) +
           "</td></tr><tr><th>法定办结时间</th><td>" +
           (c.statutory_due_at ? chinese_time(*c.statutory_due_at) : std::string("（暂停计时）")) +
           "</td></tr><tr><th>已收材料</th><td><ol>" + received + "</ol></td></tr>" + lookup_row(c, link) + footer(c);
  }
  if (kind == "supplement_notice") {
    json::array missing = decision.contains("missing") ? decision.at("missing").as_array() : json::array{};
    return header("补正材料一次性告知书", c, catalog) + "<tr><th>需补正材料</th><td>" + list_items(missing, catalog) +
           "</td></tr><tr><th>告知</th><td>请一次性补齐上列全部材料后再次提交；补正期间不计入办理时限。</td></tr>" +
           footer(c);
  }
  if (kind == "deferral_notice") {
    std::string rows;
    const json::value parsed_2 = json::parse(c.deferred);
    for (const auto& d : parsed_2.as_array())
      rows += "<li>" + html_escape(material_name(catalog, std::string(d.at("material").as_string()))) + "，请于 " +
              chinese_time(std::string(d.at("due_date").as_string())) + " 前补交</li>";
    return header("容缺受理通知书", c, catalog) + "<tr><th>容缺材料</th><td><ol>" + rows +
           "</ol></td></tr><tr><th>告知</th><td>本件已容缺受理。逾期未补交的，将依规处理。</td></tr>" + footer(c);
  }
  // refusal_notice
  return header("不予受理通知书", c, catalog) + "<tr><th>不予受理理由</th><td>" +
         html_escape(decision.contains("reason") ? std::string(decision.at("reason").as_string()) : "") +
         "</td></tr><tr><th>依据</th><td>" +
         html_escape(decision.contains("legal_basis") ? std::string(decision.at("legal_basis").as_string()) : "") +
         "</td></tr><tr><th>救济途径</th><td>如不服本决定，可自收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。</td></tr>" +
         footer(c);
}

}  // namespace ow::acceptance
