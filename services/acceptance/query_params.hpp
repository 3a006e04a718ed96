// A query parameter of a request, as the window's handlers read it: absent when missing or empty.
#pragma once

#include <optional>
#include <string>

#include "services/platform/http_types.hpp"

namespace ow::acceptance {

inline std::optional<std::string> query_param(const platform::RequestContext& ctx, const char* name) {
  auto it = ctx.query.find(name);
  if (it == ctx.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

}  // namespace ow::acceptance
