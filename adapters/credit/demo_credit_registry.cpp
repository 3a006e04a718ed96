// The demo credit registry: a listed person, a listed enterprise, and whatever is recorded.
#include <algorithm>
#include <cctype>

#include "adapters/credit/credit_lookup.hpp"

namespace ow::adapters {
namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

DemoCreditRegistry::DemoCreditRegistry() {
  lists_.emplace("330106197805120037", "失信被执行人");
  lists_.emplace("91330106MA2B000022", "严重失信主体名单");
  lists_.emplace("91330106MA2B000022", "失信被执行人");
}

CreditStanding DemoCreditRegistry::check(const std::string& holder) const {
  std::lock_guard lock(mutex_);
  CreditStanding out;
  auto [it, end] = lists_.equal_range(upper(holder));
  for (; it != end; ++it)
    if (std::find(out.lists.begin(), out.lists.end(), it->second) == out.lists.end()) out.lists.push_back(it->second);
  return out;
}

void DemoCreditRegistry::record(const CreditEntry& entry) const {
  std::lock_guard lock(mutex_);
  lists_.emplace(upper(entry.holder), entry.list);
}

}  // namespace ow::adapters
