// SQL of the SMS notices (sms_messages, sql/140): queueing with a case decision, the sender's claims under a
// lease and its records of each answer, and a case's messages for the staff's case view.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& sms_statements();

// A message the sender claimed: what to send, and how long it has been waiting since queued.
struct SmsClaim {
  std::int64_t id = 0, case_id = 0;
  std::string text;
  int attempts = 0;
  double age_seconds = 0;
};

struct SmsRow {
  std::int64_t id = 0;
  std::string kind, phone_masked, text, status;
  int attempts = 0;
  std::string created_at;  // ISO, China Standard Time
  std::optional<std::string> sent_at;
};

namespace sms {
void insert(Tx& tx, std::int64_t case_id, const std::string& kind, const std::string& phone_masked,
            const std::string& text);
// Up to `limit` due messages, leased to `owner` for `lease_seconds` (SKIP LOCKED: dispatchers share the queue).
std::vector<SmsClaim> claim(Tx& tx, const std::string& owner, int lease_seconds, int limit);
// The gateway took it. False when the lease was lost meanwhile.
bool sent(Tx& tx, std::int64_t id, const std::string& owner);
// Not taken: tried again after `delay_seconds`, or given up (`failed`). `error` names no personal data.
bool retry(Tx& tx, std::int64_t id, const std::string& owner, double delay_seconds, const std::string& error,
           bool failed);
std::vector<SmsRow> of_case(Tx& tx, std::int64_t case_id);
}  // namespace sms

}  // namespace ow::store
