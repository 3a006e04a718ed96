// The weekly bulletin's (每周通报) sections beyond the case figures: the 12345 tickets the hotline passed on
// that week (counts, repeat-complaint and direct-answer rates, the tickets that fell overdue), and one
// section per inspection kind, each over its own cycle (inspection_cycles.hpp), listing what was found where.
#pragma once

#include <string>
#include <vector>

#include "services/store/transaction.hpp"
#include "services/supervision/report_format.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::supervision {

std::vector<ReportSection> bulletin_sections(store::Tx& tx, const std::string& region_prefix, calendar::Date monday,
                                             calendar::Instant as_of, const catalog::Catalog* catalog);

}  // namespace ow::supervision
