// Credit check (信用核查) at intake: is the applicant a 失信被执行人 or on a serious-dishonesty list (严重失信主体
// 名单)? One interface, like the e-licence lookup: an in-process demo registry, and the HTTP lookup
// (http_credit_lookup.hpp) against a credit service. Also where a false commitment (告知承诺) is reported.
#pragma once

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace ow::adapters {

// The applicant's standing: the lists that name them, by their names (empty: a clean record).
struct CreditStanding {
  std::vector<std::string> lists;  // 失信被执行人, 严重失信主体名单
  bool listed() const { return !lists.empty(); }
};

// A dishonesty entry the platform reports (a 告知承诺 found false).
struct CreditEntry {
  std::string holder;  // ID number or unified social credit code
  std::string list;    // 严重失信主体名单
  std::string reason;  // 告知承诺不实 (case number)
  std::string key;     // the same report made again carries the same key (Idempotency-Key): recorded once
};

// The credit service did not answer in time (or answered nonsense): the clerk is told 信用核查暂不可用.
struct CreditUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CreditLookup {
 public:
  virtual ~CreditLookup() = default;
  // Implementations time out rather than hang and then throw CreditUnavailable.
  virtual CreditStanding check(const std::string& holder) const = 0;
  virtual void record(const CreditEntry& entry) const = 0;
};

// An in-process registry with a few listed demo numbers (README: 信用核查); entries recorded are listed at once.
class DemoCreditRegistry : public CreditLookup {
 public:
  DemoCreditRegistry();
  CreditStanding check(const std::string& holder) const override;
  void record(const CreditEntry& entry) const override;

 private:
  mutable std::mutex mutex_;
  mutable std::multimap<std::string, std::string> lists_;  // holder → list name
};

}  // namespace ow::adapters
