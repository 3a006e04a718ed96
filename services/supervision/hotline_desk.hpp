// The 12345 hotline desk. Tickets arrive signed like department callbacks (casework/signed_caller.hpp: the
// hotline's API key, HMAC over timestamp and body with the hotline's own secret, ±5 minutes) and are stored
// once per hotline ticket id: a repeat with the same body answers what the first got (Idempotent-Replayed), the
// same id with another body is a 422. A ticket names what it is about when it can: a case (whose region,
// hall, window and accepting clerk it then takes), a hall, a window, a department. Its handling clock
// (hotline.handling_limit, 3 working days by default, on the work calendar from the instant the hotline
// received it) warns and falls overdue through the timekeeper; an answer stops it, saying whether it was a
// direct answer (当场答复/直接答复). The applicant (name, phone, ID number) is sealed like a case's, indexed
// blind for the repeat-complaint rate, and never logged nor shown.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "services/casework/signed_caller.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::supervision {

struct HotlineSettings {
  std::string code = "12345";           // the API key's code the hotline calls with (onewindow apikey add 12345)
  std::optional<std::string> secret;    // its signing secret (hotline.secret); none: every ticket is refused
  calendar::Limit limit{calendar::Limit::Kind::working_days, 3};
};

struct TicketAnswer {
  unsigned status = 201;
  boost::json::object body;
  bool replayed = false;
};

class HotlineDesk {
 public:
  HotlineDesk(store::PgPool& pool, catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
              std::function<calendar::Instant()> now, HotlineSettings settings)
      : pool_(pool), catalog_(catalog), math_(time), now_(std::move(now)), settings_(std::move(settings)) {}

  // POST /api/v1/hotline/tickets. Throws Problem 401 before reading the body when the caller is not the hotline.
  TicketAnswer receive(const platform::Actor& caller, const casework::SignedRequest& r);
  // GET /api/v1/hotline/tickets: supervisors see their region's tickets, approvers their department's there;
  // `summary` counts the tickets received in [from, to) (default: the 30 days up to now).
  boost::json::object list(const platform::Actor& who, const std::map<std::string, std::string>& query);
  // POST /api/v1/hotline/tickets/{id}/answer {answer, direct}: 404 outside the caller's scope, 409 when answered.
  boost::json::object answer(const platform::Actor& who, std::int64_t id, const boost::json::object& body);

  const HotlineSettings& settings() const { return settings_; }

 private:
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  std::function<calendar::Instant()> now_;
  HotlineSettings settings_;
};

}  // namespace ow::supervision
