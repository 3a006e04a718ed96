// Printable documents of a case as HTML with an A4 print stylesheet: 受理回执 (receipt), 补正材料一次性告知书
// (supplement notice, at intake), 部门补正告知书 (a department's 补正 request), 容缺受理通知书 (deferral notice),
// 不予受理通知书 (refusal notice). Each names the issuing hall, its window and consultation phone, the clerk,
// the case number in large type and, for a clerk of the case's hall, the query code (查询码); each carries a
// QR code (libqrencode, drawn as inline SVG) for the public progress lookup.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::acceptance {

// What the receipt's 进度查询 row links to: the progress page under `base_url` (empty: a link relative to
// the platform) and, when the reader may see it, the case's query code (查询码) — printed, and inside the QR
// link so that scanning opens the case. Without it the receipt says where the code is printed.
struct ReceiptLink {
  std::string base_url;
  std::optional<std::string> query_code;
  std::string clerk_name;  // who accepted the case (empty: not known)
};

// Throws Problem 404 when the case has no document of that kind.
std::string render_document(const std::string& kind, const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                            const std::vector<store::AuditRow>& audit, const catalog::Catalog& catalog,
                            const ReceiptLink& link = {});
// The progress page's link for a case: BASE/progress?number=N[&code=XXXX-XXXX-XX].
std::string progress_link(const std::string& base_url, const std::string& number,
                          const std::optional<std::string>& query_code);
// The QR code of `text` as an SVG element.
std::string qr_svg(const std::string& text);
std::string html_escape(const std::string& s);

}  // namespace ow::acceptance
