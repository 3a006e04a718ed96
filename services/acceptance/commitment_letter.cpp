// The 告知承诺书 and the 撤销决定告知书, in the wording of 国办发〔2020〕42号 (证明事项告知承诺制).
#include "services/acceptance/commitment_letter.hpp"

#include <boost/json.hpp>

#include "services/acceptance/documents.hpp"
#include "services/casework/commitment_codec.hpp"
#include "workflow/calendar/chinese_time.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using calendar::chinese_time;

const char* kCommitmentBasis =
    "《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）";
const char* kRevocationBasis =
    "《中华人民共和国行政许可法》第六十九条第二款：被许可人以欺骗、贿赂等不正当手段取得行政许可的，应当予以撤销。";

template <class Map>
std::string name_in(const Map& map, const std::string& code) {
  auto it = map.find(code);
  return it == map.end() ? code : it->second.name;
}

// 企业设立登记（西湖区市场监督管理局）
std::string item_words(const catalog::Catalog& catalog, const std::string& code) {
  auto it = catalog.items.find(code);
  if (it == catalog.items.end()) return html_escape(code);
  return html_escape(it->second.name + "（" + name_in(catalog.departments, it->second.department) + "）");
}

std::string replaced_words(const catalog::Catalog& catalog, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "、") + name_in(catalog.materials, id);
  return html_escape(out);
}

std::string days_words(const calendar::Limit& l) { return std::to_string(l.amount) + "个工作日"; }

std::string applicant_name(const store::CaseRow& c) {
  const json::value a = json::parse(c.applicant);
  const auto* n = a.as_object().if_contains("name");
  return n && n->is_string() ? std::string(n->as_string()) : "";
}

}  // namespace

std::string commitment_letter_rows(const store::CaseRow& c, const catalog::Catalog& catalog) {
  // A little tighter than the other documents: the letter, its signature and the hall's seal on one A4 page.
  std::string rows = "<style>body{font-size:11pt}td,th{padding:3pt 6pt}td.sign{height:14mm;vertical-align:bottom}"
                     "td.sign span{float:right}</style>";
  for (const auto& m : casework::commitments_from_json(c.commitments)) {
    std::string conditions = "<ol>";
    if (auto it = catalog.items.find(m.item); it != catalog.items.end() && it->second.commitment)
      for (const auto& text : it->second.commitment->conditions) conditions += "<li>" + html_escape(text) + "</li>";
    conditions += "</ol>";
    rows += "<tr><th>承诺事项</th><td>" + item_words(catalog, m.item) + "</td></tr><tr><th>以承诺代替的证明</th><td>" +
            replaced_words(catalog, m.replaces) + "（申请人无需提交）</td></tr><tr><th>告知的条件和要求</th><td>" +
            conditions + "</td></tr><tr><th>核查</th><td>审批部门将在作出决定后" + days_words(m.verify_within) +
            "内，通过信息共享、现场核查等方式对承诺内容进行核查，申请人应当配合。</td></tr>";
  }
  const std::string date = chinese_time(c.accepted_at.value_or(c.created_at).substr(0, 10));
  return rows +
         "<tr><th>不实承诺的后果</th><td>经核查承诺不实的，审批部门将依法撤销已作出的决定，并将不实承诺情况记入申请人"
         "信用记录（严重失信主体名单）；涉嫌违法犯罪的，依法移送有关机关处理。</td></tr>"
         "<tr><th>申请人承诺</th><td>本人（本单位）" +
         html_escape(applicant_name(c)) +
         "郑重承诺：已经知晓上述告知的全部内容；所提供的信息真实、准确、完整；符合上述条件、标准和要求，并将在核查时"
         "如实提供相关情况；愿意承担不实承诺的法律责任。以上承诺是本人（本单位）真实的意思表示。</td></tr>"
         "<tr><th>承诺人签字（盖章）</th><td class=\"sign\"><span>承诺日期：" + date +
         "</span></td></tr><tr><th>依据</th><td>" + kCommitmentBasis + "</td></tr>";
}

std::string revocation_rows(const store::CaseRow& c, const std::vector<store::AuditRow>& audit,
                            const catalog::Catalog& catalog) {
  std::string rows, at;
  for (const auto& a : audit)
    if (a.entity == "case" && a.event == "revoke") at = a.at;
  for (const auto& m : casework::commitments_from_json(c.commitments)) {
    if (m.outcome != "false") continue;
    rows += "<tr><th>撤销事项</th><td>" + item_words(catalog, m.item) + "</td></tr><tr><th>不实的承诺</th><td>以告知承诺代替" +
            replaced_words(catalog, m.replaces) + "</td></tr><tr><th>核查结论</th><td>承诺不实：" +
            html_escape(m.reason) + "</td></tr>";
  }
  return rows + "<tr><th>撤销时间</th><td>" + chinese_time(at) + "</td></tr><tr><th>依据</th><td>" +
         kRevocationBasis + "</td></tr><tr><th>信用记录</th><td>不实承诺已记入申请人信用记录。</td></tr>"
         "<tr><th>救济途径</th><td>如不服本决定，可自收到本告知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"
         "</td></tr>";
}

}  // namespace ow::acceptance
