// Casework refusals.
#include "services/casework/errors.hpp"

namespace ow::casework {

Refusal::Refusal(RefusalKind k, std::string c, std::string t, std::string d, boost::json::object e)
    : std::runtime_error(c + ": " + d),
      kind(k),
      code(std::move(c)),
      title(std::move(t)),
      detail(std::move(d)),
      extra(std::move(e)) {}

Refusal not_found(const std::string& detail) {
  return Refusal(RefusalKind::not_found, "not_found", "资源不存在", detail);
}

Refusal forbidden(const std::string& detail) {
  return Refusal(RefusalKind::forbidden, "forbidden", "无权执行此操作", detail);
}

Refusal task_not_claimed(const std::string& detail) {
  return Refusal(RefusalKind::conflict, "task_not_claimed", "请先签收任务", detail);
}

}  // namespace ow::casework
