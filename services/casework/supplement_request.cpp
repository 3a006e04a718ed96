// Reading a 补正 request at the edge.
#include "services/casework/supplement_request.hpp"

#include "services/platform/json_fields.hpp"

namespace ow::casework {

flow::RequestTaskSupplement supplement_request(const std::string& step, const boost::json::object& body,
                                               std::optional<flow::TaskWork> work) {
  flow::RequestTaskSupplement r;
  r.step = step;
  r.materials = platform::material_ids(body, "materials");
  r.reason = platform::text_field(body, "reason", true, 1000);
  r.due = platform::date_field(body, "due_date");
  r.work = std::move(work);
  return r;
}

}  // namespace ow::casework
