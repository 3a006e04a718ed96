// One page of an approver's list (待办, 已办): ?page= from 1, ?size= items a page, and reading a page so that
// the total is known even past the last page.
#pragma once

namespace ow::backoffice {

struct Paging {
  int page = 1, size = 20;
};

// `fetch(limit, offset)` returns a page of rows with the total the filter finds; past the last page (no rows)
// the first row is fetched once more for its total.
template <class Fetch>
auto read_page(const Paging& p, Fetch fetch) {
  auto page = fetch(p.size, (p.page - 1) * p.size);
  if (page.rows.empty() && p.page > 1) page.total = fetch(1, 0).total;
  return page;
}

}  // namespace ow::backoffice
