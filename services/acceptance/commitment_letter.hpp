// The rows of the 告知承诺 documents, between the common header and footer of documents.cpp: the 告知承诺书
// (commitment_letter: per item what is told — conditions, the proofs it stands in for, the 核查 and the
// consequences of a false commitment — then the applicant's promise, a line to sign and the date in Chinese)
// and the 撤销决定告知书 (revocation_notice: which commitment was found false, why, the legal basis, the credit
// record, the remedies).
#pragma once

#include <string>

#include "services/store/case_store.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::acceptance {

std::string commitment_letter_rows(const store::CaseRow& c, const catalog::Catalog& catalog);
std::string revocation_rows(const store::CaseRow& c, const std::vector<store::AuditRow>& audit,
                            const catalog::Catalog& catalog);

}  // namespace ow::acceptance
