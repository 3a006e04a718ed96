// Frame-quality checks of the sampling frame (抽样框): each row's contact — a name and a phone reachable in
// mainland China — and applicants who appear more than once in the month. Pure: the rows come in, the
// issues go out; the service reads and opens the personal data.
#pragma once

#include <string>
#include <vector>

namespace ow::survey {

// A mainland mobile (1[3-9] and 9 more digits, optionally after +86 / 86) or a landline with its area code
// (0, 2–3 more digits, then 7–8 digits; an optional dash after the area code). Spaces are ignored.
bool valid_mainland_phone(const std::string& phone);

enum class FrameIssue { phone_missing, phone_invalid, name_missing, duplicate_applicant };
const char* issue_code(FrameIssue i);   // phone_missing, …
const char* issue_label(FrameIssue i);  // 联系电话缺失, …

struct FrameContact {
  std::string name, phone;
  std::string applicant_key;  // the same person or enterprise gives the same key (a blind index); "" unknown
};

// The issues of each row, in the rows' order. A duplicate is every row whose applicant key appears in more
// than one row (the first one too: the frame keeps one row per application, the caller decides).
std::vector<std::vector<FrameIssue>> check_frame(const std::vector<FrameContact>& rows);

}  // namespace ow::survey
