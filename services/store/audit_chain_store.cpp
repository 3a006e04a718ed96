// Recomputing audit hash chains and anchors (libsodium SHA-256).
#include "services/store/audit_chain_store.hpp"

#include <sodium.h>

#include "services/store/pg_types.hpp"

namespace ow::store {
namespace {

std::string sha256(const std::string& data) {
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return out;
}

std::string hex(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

std::string field(const std::string& text) { return std::to_string(text.size()) + ":" + text; }

std::string bytes_of(const pqxx::field& f) {
  if (f.is_null()) return {};
  const pqxx::binarystring b(f);
  return b.str();
}

// "<case_id>:<hex hash>\n" for each case in order, hashed.
audit_chain::Anchor fold(const std::string& day, const pqxx::result& lasts) {
  std::string lines;
  for (const auto& r : lasts) lines += r[0].as<std::string>() + ":" + hex(bytes_of(r[1])) + "\n";
  return {day, hex(sha256(lines)), static_cast<int>(lasts.size())};
}

}  // namespace

const std::vector<Statement>& audit_chain_statements() {
  static const std::vector<Statement> list = {
      {"audit_chain_cases",
       "SELECT DISTINCT case_id FROM case_audit"
       " WHERE $1::date IS NULL OR at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') ORDER BY case_id"},
      {"audit_chain_case_of_number", "SELECT id FROM cases WHERE number = $1"},
      {"audit_chain_rows",
       "SELECT id, case_id, entity, event, from_state, to_state, actor, audit_instant(at), detail, hash"
       " FROM case_audit WHERE case_id = $1 ORDER BY id"},
      {"audit_chain_day_lasts",
       "SELECT DISTINCT ON (case_id) case_id, hash FROM case_audit"
       " WHERE at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')"
       " AND at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') ORDER BY case_id, id DESC"},
      {"audit_anchor_insert",
       "INSERT INTO audit_anchors (day, root, cases) VALUES ($1::date, decode($2, 'hex'), $3)"
       " ON CONFLICT (day) DO NOTHING"},
      {"audit_anchor_of_day", "SELECT day::text, encode(root, 'hex'), cases FROM audit_anchors WHERE day = $1::date"},
      {"audit_anchors_since",
       "SELECT day::text, encode(root, 'hex'), cases FROM audit_anchors WHERE $1::date IS NULL OR day >= $1::date"
       " ORDER BY day"},
  };
  return list;
}

namespace audit_chain {

std::string link(const std::string& previous, const ChainRow& r) {
  const std::string canonical = "ow-audit-v1" + field(std::to_string(r.id)) + field(std::to_string(r.case_id)) +
                                field(r.entity) + field(r.event) + field(r.from_state) + field(r.to_state) +
                                field(r.actor) + field(r.at_utc) + field(r.detail);
  return sha256(previous + canonical);
}

std::vector<std::int64_t> cases(Tx& tx, const std::optional<std::string>& since) {
  std::vector<std::int64_t> out;
  for (const auto& r : tx.exec_prepared("audit_chain_cases", since)) out.push_back(r[0].as<std::int64_t>());
  return out;
}

std::optional<std::int64_t> case_id_of(Tx& tx, const std::string& number) {
  auto r = tx.exec_prepared("audit_chain_case_of_number", number);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::int64_t>();
}

std::vector<ChainRow> rows_of_case(Tx& tx, std::int64_t case_id) {
  std::vector<ChainRow> out;
  for (const auto& r : tx.exec_prepared("audit_chain_rows", case_id))
    out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>(), r[7].as<std::string>(),
                   r[8].as<std::string>(), bytes_of(r[9])});
  return out;
}

std::optional<Break> verify_case(Tx& tx, std::int64_t case_id) {
  std::string previous;
  for (const auto& row : rows_of_case(tx, case_id)) {
    const std::string expected = link(previous, row);
    if (row.hash.empty()) return Break{case_id, row.id, "the row has no hash (written around the chain)"};
    if (row.hash != expected)
      return Break{case_id, row.id,
                   previous.empty() || row.hash != link(std::string(), row)
                       ? "the row does not match its hash: it was changed, or a row before it was changed, removed "
                         "or moved"
                       : "the chain restarts here: the rows before it were removed"};
    previous = row.hash;
  }
  return std::nullopt;
}

Anchor compute_anchor(Tx& tx, const std::string& day) {
  return fold(day, tx.exec_prepared("audit_chain_day_lasts", day));
}

std::pair<Anchor, bool> write_anchor(Tx& tx, const std::string& day) {
  if (const auto r = tx.exec_prepared("audit_anchor_of_day", day); !r.empty())
    return {{r[0][0].as<std::string>(), r[0][1].as<std::string>(), r[0][2].as<int>()}, false};
  const Anchor a = compute_anchor(tx, day);
  const bool inserted = tx.exec_prepared0("audit_anchor_insert", day, a.root, a.cases).affected_rows() == 1;
  return {a, inserted};
}

std::vector<std::pair<Anchor, Anchor>> anchors_since(Tx& tx, const std::optional<std::string>& since) {
  std::vector<std::pair<Anchor, Anchor>> out;
  for (const auto& r : tx.exec_prepared("audit_anchors_since", since)) {
    Anchor stored{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<int>()};
    out.emplace_back(stored, compute_anchor(tx, stored.day));
  }
  return out;
}

}  // namespace audit_chain
}  // namespace ow::store
