// 告知承诺制 at intake: the applicant signs a commitment (告知承诺书) instead of an item's named proofs. The
// catalog side (the item declares it, is on the case's route) and the credit side (a listed applicant may not
// commit; README: 告知承诺制) — the credit lookup is a network call: before any transaction, never under a lock.
#pragma once

#include <string>
#include <vector>

#include "adapters/credit/credit_lookup.hpp"
#include "services/acceptance/intake_request.hpp"
#include "workflow/catalog/model.hpp"
#include "workflow/flow/case_record.hpp"

namespace ow::acceptance {

// The material id the signed 告知承诺书 is recorded under (config/catalog/materials.yaml), and how the case
// records the proofs it stands in for.
inline constexpr const char* kCommitmentLetter = "commitment_letter";
inline constexpr const char* kSatisfiedByCommitment = "告知承诺（以承诺书代替）";

// The commitments the request names (IntakeRequest::commitments), checked against the catalog: each item
// declares one (422 commitment_not_offered) and is a step of this case's route (400); a proof it replaces may not
// also be handed over (400). Each comes back with its step, what it replaces and its 核查 limit.
std::vector<flow::Commitment> commitments_for(const IntakeRequest& r, const catalog::Catalog& c,
                                              const catalog::Bundle& b, const std::vector<std::string>& active);

// Before a commitment is taken: a clean record → nothing; a listed applicant (失信) → 422
// commitment_refused_listed; no credit service, or no answer → 422 commitment_credit_unavailable (paper proofs
// instead: a commitment is taken only on a clean record the platform has seen). field: commitments.
void check_commitment_credit(const adapters::CreditLookup* credit, const std::string& holder);

}  // namespace ow::acceptance
