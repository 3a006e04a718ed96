// Printable documents of a case as HTML with an A4 print stylesheet: 受理回执 (receipt), 一次性告知书
// (supplement notice), 容缺受理通知书 (deferral notice), 不予受理通知书 (refusal notice). The receipt carries a
// QR code (libqrencode, drawn as inline SVG) for the public progress lookup.
#pragma once

#include <string>
#include <vector>

#include "services/store/case_store.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::acceptance {

// Throws Problem 404 when the case has no document of that kind.
std::string render_document(const std::string& kind, const store::CaseRow& c, const std::vector<store::TaskRow>& tasks,
                            const std::vector<store::AuditRow>& audit, const catalog::Catalog& catalog);
// The QR code of `text` as an SVG element.
std::string qr_svg(const std::string& text);
std::string html_escape(const std::string& s);

}  // namespace ow::acceptance
