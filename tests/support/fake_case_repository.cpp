// The in-memory repository's transaction.
#include "tests/support/fake_case_repository.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "services/casework/record_codec.hpp"
#include "services/store/errors.hpp"

namespace ow::testing {
namespace {

namespace json = boost::json;

class FakeTransaction : public casework::CaseTransaction {
 public:
  FakeTransaction(FakeCaseRepository::State& s, const calendar::ClockMath& math) : s_(s), math_(math) {}

  std::optional<casework::CaseFile> lock(const casework::CaseKey& key) override { return read(key); }

  std::optional<casework::CaseFile> read(const casework::CaseKey& key) override {
    for (const auto& [id, f] : s_.cases) {
      const bool match = (key.by == casework::CaseKey::By::number && f.row.number == key.number) ||
                         (key.by == casework::CaseKey::By::id && id == key.id) ||
                         (key.by == casework::CaseKey::By::task && f.task_by_id(key.id));
      if (!match) continue;
      casework::CaseFile copy = f;
      copy.focus_task = key.by == casework::CaseKey::By::task ? std::optional(key.id) : std::nullopt;
      return copy;
    }
    return std::nullopt;
  }

  void write(casework::CaseFile& file, const flow::Decision& d, calendar::Instant now) override {
    if (file.row.id == 0) {
      file.row.id = s_.next_case_id++;
      file.row.created_at = calendar::format_instant(now);
    }
    casework::record_to_row(d.after, math_, file.row);
    if (!file.row.accepted_at &&
        (d.after.state == machines::CaseState::InProgress || d.after.state == machines::CaseState::Accepted))
      file.row.accepted_at = calendar::format_instant(now);
    casework::update_task_rows(file.tasks, file.record, d, file.row.id, math_, [this] { return s_.next_task_id++; });
    for (const auto& a : d.audit)
      s_.audit[file.row.id].push_back(
          {a.entity, a.event, a.from, a.to, a.actor, calendar::format_instant(a.at), a.detail});
    s_.outbox.insert(s_.outbox.end(), d.outbox.begin(), d.outbox.end());
    if (d.delivery) {
      json::object delivery{
          {"method", d.delivery->method}, {"at", calendar::format_instant(d.delivery->at)}, {"by", d.delivery->by}};
      if (!d.delivery->tracking_number.empty()) delivery["tracking_number"] = d.delivery->tracking_number;
      file.row.delivery = json::serialize(delivery);
      file.row.concluded_at = calendar::format_instant(d.delivery->at);
    }
    s_.extension_days[file.row.id] += d.extension_days;
    file.record = d.after;
    casework::CaseFile stored = file;
    stored.focus_task.reset();
    s_.cases[file.row.id] = std::move(stored);
  }

  std::vector<store::AuditRow> audit(std::int64_t case_id) override { return s_.audit[case_id]; }

  int next_sequence(const std::string& region6, const std::string& day) override {
    return ++s_.sequences[region6 + day];
  }

  std::optional<casework::KeptAnswer> replay(const std::string& actor, const std::string& key,
                                             const std::string& hash) override {
    auto it = s_.kept.find(actor + "\n" + key);
    if (it == s_.kept.end()) return std::nullopt;
    if (it->second.request_hash != hash)
      throw store::IdempotencyKeyReused("Idempotency-Key " + key + " was used for another request");
    return it->second;
  }
  void keep(const std::string& actor, const std::string& key, const std::string& hash,
            const casework::KeptAnswer& a) override {
    auto kept = a;
    kept.request_hash = hash;
    s_.kept[actor + "\n" + key] = kept;
  }
  std::optional<casework::KeptAnswer> department_event(const std::string& department, const std::string& id) override {
    auto it = s_.events.find(department + "\n" + id);
    return it == s_.events.end() ? std::nullopt : std::optional(it->second);
  }
  void keep_department_event(const std::string& department, const std::string& id,
                             const casework::KeptAnswer& a) override {
    s_.events[department + "\n" + id] = a;
  }

  store::Tx& store() override { throw std::logic_error("the in-memory case repository has no store transaction"); }

 private:
  FakeCaseRepository::State& s_;
  const calendar::ClockMath& math_;
};

}  // namespace

void FakeCaseRepository::transact(const std::function<void(casework::CaseTransaction&)>& fn) {
  if (open_) throw std::logic_error("a transaction inside a transaction");
  State working = state_;
  FakeTransaction tx(working, math_);
  open_ = true;
  try {
    fn(tx);
  } catch (...) {
    open_ = false;
    ++rollbacks;
    throw;
  }
  open_ = false;
  state_ = std::move(working);
  ++commits;
}

const casework::CaseFile* FakeCaseRepository::find(const std::string& number) const {
  for (const auto& [id, f] : state_.cases)
    if (f.row.number == number) return &f;
  return nullptr;
}

}  // namespace ow::testing
