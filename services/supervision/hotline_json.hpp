// How a 12345 ticket reads on screens and in reports: kinds by name (投诉, 咨询, 求助, 建议), the handling
// clock's state in words, hall, window, department and region by name — never the applicant's data.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "services/store/hotline_store.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::supervision {

// complaint ↔ 投诉, consultation ↔ 咨询, help ↔ 求助, suggestion ↔ 建议. The code of a kind given either way;
// nullopt for anything else.
std::optional<std::string> ticket_kind(const std::string& code_or_name);
std::string ticket_kind_label(const std::string& code);

// 处理中 | 即将到期 | 已超期 | 已答复 | 超期答复, and the code: running | warning | overdue | answered | answered_late.
std::pair<std::string, std::string> ticket_clock_state(const store::TicketRow& t, calendar::Instant now);

boost::json::object ticket_json(const store::TicketRow& t, const catalog::Catalog* catalog, calendar::Instant now);

// The rates (a share, or null when the denominator is 0) and their counts.
boost::json::object ticket_counts_json(const store::TicketCounts& c);

}  // namespace ow::supervision
