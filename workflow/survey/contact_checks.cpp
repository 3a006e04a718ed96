// Frame-quality checks.
#include "workflow/survey/contact_checks.hpp"

#include <map>
#include <regex>

namespace ow::survey {

bool valid_mainland_phone(const std::string& phone) {
  std::string s;
  for (char c : phone)
    if (c != ' ') s += c;
  static const std::regex mobile(R"(^(\+?86)?1[3-9][0-9]{9}$)");
  static const std::regex landline(R"(^0[0-9]{2,3}-?[0-9]{7,8}$)");
  return std::regex_match(s, mobile) || std::regex_match(s, landline);
}

const char* issue_code(FrameIssue i) {
  switch (i) {
    case FrameIssue::phone_missing: return "phone_missing";
    case FrameIssue::phone_invalid: return "phone_invalid";
    case FrameIssue::name_missing: return "name_missing";
    case FrameIssue::duplicate_applicant: return "duplicate_applicant";
  }
  return "";
}

const char* issue_label(FrameIssue i) {
  switch (i) {
    case FrameIssue::phone_missing: return "联系电话缺失";
    case FrameIssue::phone_invalid: return "联系电话不是有效的手机或固定电话号码";
    case FrameIssue::name_missing: return "联系人姓名缺失";
    case FrameIssue::duplicate_applicant: return "同一申请人本月重复出现";
  }
  return "";
}

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }
}  // namespace

std::vector<std::vector<FrameIssue>> check_frame(const std::vector<FrameContact>& rows) {
  std::map<std::string, int> seen;
  for (const auto& r : rows)
    if (!r.applicant_key.empty()) ++seen[r.applicant_key];
  std::vector<std::vector<FrameIssue>> out;
  for (const auto& r : rows) {
    std::vector<FrameIssue> issues;
    if (blank(r.phone))
      issues.push_back(FrameIssue::phone_missing);
    else if (!valid_mainland_phone(r.phone))
      issues.push_back(FrameIssue::phone_invalid);
    if (blank(r.name)) issues.push_back(FrameIssue::name_missing);
    if (!r.applicant_key.empty() && seen[r.applicant_key] > 1) issues.push_back(FrameIssue::duplicate_applicant);
    out.push_back(std::move(issues));
  }
  return out;
}

}  // namespace ow::survey
