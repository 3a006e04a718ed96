// SMS notices to applicants, queued with the decision that calls for them: the process's settings (templates,
// the signature, the catalog for names; none installed: SMS is off), the text of one notice, and the row
// written into sms_messages in the caller's transaction — the dispatcher role's SMS sender sends it later.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/store/case_store.hpp"
#include "services/store/transaction.hpp"
#include "workflow/flow/decision.hpp"
#include "workflow/notify/sms_notices.hpp"

namespace ow::casework {

struct SmsNoticeSettings {
  std::string signature;                        // the sender shown as 【…】 before every text
  std::map<std::string, std::string> templates;  // by kind: accepted, supplement, result_ready, delivered, followup
  catalog_service::CatalogService* catalog = nullptr;  // names of bundles, materials and halls
};

// The kinds of notice, each with its template setting (sms.template_<kind>).
const std::vector<std::string>& sms_kinds();
// Throws std::invalid_argument naming the template that is missing or refused (check_sms_template).
void check_sms_settings(const SmsNoticeSettings& s);
// Installs the process's settings (nullptr: off, nothing is queued).
void use_sms_notices(std::shared_ptr<const SmsNoticeSettings> settings);

// The text of one notice on case `c` (its catalog: for names; nullptr: codes), at `now`: the signature, the
// template filled in, every ID number the applicant record holds masked.
std::string sms_text(const SmsNoticeSettings& s, const store::CaseRow& c, const catalog::Catalog* catalog,
                     const notify::SmsNotice& n, calendar::Instant now);
// "13800001234" or "+86 138-0000-1234" → "13800001234"; empty when it is not a mainland mobile number.
std::string mobile_number(const std::string& phone);

// Queues the notices decision `d` calls for on case `row` (as written), when SMS is on and the case has a
// mobile number. A template that fails is logged (no personal data) and skipped; the decision stands.
void queue_sms_notices(store::Tx& tx, const store::CaseRow& row, const flow::CaseRecord& before,
                       const flow::Decision& d, calendar::Instant now);
// Queues one notice of `kind` on case `case_id` (the 回访 notice from supervision), when SMS is on. `date`: the
// {date} value.
void queue_sms_notice(store::Tx& tx, std::int64_t case_id, const std::string& kind, const std::string& date,
                      calendar::Instant now);

}  // namespace ow::casework
