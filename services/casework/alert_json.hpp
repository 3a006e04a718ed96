// The JSON shape of an alert (API lists, the Redis channel, the SSE stream).
#pragma once

#include <boost/json/object.hpp>

#include "services/store/supervision_store.hpp"

namespace ow::casework {

boost::json::object alert_json(const store::AlertRow& a);

}  // namespace ow::casework
