// The tamper-evident audit trail (sql/016): recomputing each case's hash chain and the daily anchors.
// PostgreSQL writes the chain on insert; this side only reads and checks it, and writes anchors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/store/statements.hpp"
#include "services/store/transaction.hpp"

namespace ow::store {

const std::vector<Statement>& audit_chain_statements();

namespace audit_chain {

struct ChainRow {
  std::int64_t id = 0, case_id = 0;
  std::string entity, event, from_state, to_state, actor, at_utc, detail;
  std::string hash;  // 32 bytes; empty when NULL
};

// SHA-256(previous ‖ canonical(row)), as sql/016 defines it.
std::string link(const std::string& previous, const ChainRow& row);

struct Break {
  std::int64_t case_id = 0, row_id = 0;
  std::string what;  // in words, for the operator
};

// Cases with audit rows (at or after `since`, a date in China Standard Time, when given), in id order.
std::vector<std::int64_t> cases(Tx& tx, const std::optional<std::string>& since);
std::optional<std::int64_t> case_id_of(Tx& tx, const std::string& number);
// The case's audit rows in chain order, with their stored hashes.
std::vector<ChainRow> rows_of_case(Tx& tx, std::int64_t case_id);
// The first row of the case whose stored hash differs from the recomputed chain, if any.
std::optional<Break> verify_case(Tx& tx, std::int64_t case_id);

struct Anchor {
  std::string day;   // YYYY-MM-DD
  std::string root;  // hex
  int cases = 0;
};
// The anchor of `day` from the chains as they are now.
Anchor compute_anchor(Tx& tx, const std::string& day);
// Computes and stores the anchor of `day` unless one is stored; returns the stored one and whether it is new.
std::pair<Anchor, bool> write_anchor(Tx& tx, const std::string& day);
// Stored anchors on or after `since` (all when empty), each with the anchor recomputed now.
std::vector<std::pair<Anchor, Anchor>> anchors_since(Tx& tx, const std::optional<std::string>& since);

}  // namespace audit_chain
}  // namespace ow::store
