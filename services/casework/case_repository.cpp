// What every CaseTransaction can do the plain way: several cases locked one by one, in id order.
#include "services/casework/case_repository.hpp"

#include <algorithm>

namespace ow::casework {

std::map<std::int64_t, CaseFile> CaseTransaction::lock_all(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::int64_t, CaseFile> out;
  for (const auto id : ids)
    if (auto f = lock(CaseKey::of_id(id))) out.emplace(id, std::move(*f));
  return out;
}

}  // namespace ow::casework
