// SQL of 12345 hotline tickets (sql/050): storing a ticket once per hotline id, listing, answering (which
// stops its clock and resolves its alerts), the timekeeper's claim of tickets whose next check has passed,
// raising a ticket's alert, and the counts behind the repeat-complaint and direct-answer rates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/supervision_store.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& hotline_statements();

struct NewTicket {
  std::string hotline_id, request_sha256, kind, subject, region_code;
  std::optional<std::string> case_number, hall_code, window_code, department_code;
  std::optional<std::int64_t> clerk_id;
  int pii_key = 0;
  std::string applicant_sealed, applicant_index;
  std::string received_at, due_at;  // ISO instants
  std::optional<std::string> warn_at;
};

struct TicketRow {
  std::int64_t id = 0;
  std::string hotline_id, request_sha256, kind, subject, region_code;
  std::optional<std::string> case_number, hall_code, window_code, department_code, clerk_name;
  std::string received_at, due_at;
  std::optional<std::string> warn_at;
  bool warned = false, overdue = false;
  std::optional<std::string> answered_at, answered_by, answer;
  std::optional<bool> direct_answer;
  bool repeat_complaint = false;  // a complaint of the same applicant on the same subject in the 30 days before
};

struct TicketFilter {
  std::string region_prefix;
  std::optional<std::string> department, state;  // state: open | answered | overdue
  int limit = 200;
};

// What a case number links a ticket to.
struct CaseLink {
  std::string region_code;
  std::optional<std::string> hall_code, window_code;
  std::optional<std::int64_t> clerk_id;
};

// The counts of tickets received in [from, to) within a region (rates: services/supervision/hotline_rates).
struct TicketCounts {
  std::int64_t received = 0, complaints = 0, repeat_complaints = 0, answered = 0, direct_answers = 0,
               overdue = 0, open = 0;
};

// Complaints received in [from, to) per window (hall, window) and per clerk of the linked case.
struct ComplaintCount {
  std::string hall_code, window_code;
  std::optional<std::int64_t> clerk_id;
  std::int64_t complaints = 0;
};

namespace hotline {
std::optional<CaseLink> case_link(Tx& tx, const std::string& number);
// The id of the ticket stored under `hotline_id` and the hash of the body it came with.
std::optional<std::pair<std::int64_t, std::string>> find(Tx& tx, const std::string& hotline_id);
// Inserts the ticket; nullopt when another request stored the same hotline id first.
std::optional<std::int64_t> insert(Tx& tx, const NewTicket& t);
std::optional<TicketRow> by_id(Tx& tx, std::int64_t id, bool for_update = false);
std::vector<TicketRow> list(Tx& tx, const TicketFilter& f, const std::string& now);
// Records the answer and stops the clock (resolving the ticket's open alerts); false when already answered.
bool answer(Tx& tx, std::int64_t id, const std::string& by, const std::string& text, bool direct,
            const std::string& at);
// Tickets whose next check is at or before `now`, locked (skipping those another timekeeper holds).
struct DueTicket {
  std::int64_t id = 0;
  std::optional<std::string> warn_at;
  std::string due_at;
  bool warned = false, overdue = false;
};
std::vector<DueTicket> claim_due(Tx& tx, const std::string& now, int limit);
void mark_fired(Tx& tx, std::int64_t id, bool warned, bool overdue);
// Stores the ticket's alert unless one of this kind is open; returns it when stored.
std::optional<AlertRow> raise_alert(Tx& tx, std::int64_t id, const std::string& kind, const std::string& level,
                                    const std::string& at, const std::string& detail);
TicketCounts counts(Tx& tx, const std::string& region_prefix, const std::string& from, const std::string& to,
                    const std::string& now);
std::vector<ComplaintCount> complaints_by_window(Tx& tx, const std::string& region_prefix, const std::string& from,
                                                 const std::string& to);
}  // namespace hotline

}  // namespace ow::store
