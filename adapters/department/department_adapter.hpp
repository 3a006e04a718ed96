// A department as the platform reaches it. A push department has its own system: each task, and the
// cancellation of one, is sent to it over the signed department protocol (config/openapi/departments.json).
// An inbox department works in our back office: nothing is sent, its approvers find the task in their inbox.
// The dispatcher talks only to this interface. (Inbox departments are still told apart by the catalog's
// transport flag in the flow; they have no adapter yet.)
#pragma once

#include <map>
#include <memory>
#include <string>

#include "adapters/department/department_endpoints.hpp"
#include "adapters/department/http_client.hpp"

namespace ow::adapters {

enum class Transport { push, inbox };

// One message of the protocol: a task to do (dispatch) or the cancellation of one (cancel).
struct DepartmentMessage {
  std::string kind;  // dispatch | cancel
  std::string body;  // the task payload, JSON
  std::string idempotency_key;
  std::string traceparent;  // W3C trace context of this push (sent as the `traceparent` header when not empty)
};

class DepartmentAdapter {
 public:
  virtual ~DepartmentAdapter() = default;
  virtual const std::string& code() const = 0;
  virtual Transport transport() const = 0;
  // Sends one message within the department's timeouts: the answer as the department gave it, or status 0
  // with `error` when it did not answer.
  virtual HttpAnswer send(const DepartmentMessage& message) const = 0;
};

// A push department over its endpoint (URL, secret, timeouts), signing each message with its secret.
std::unique_ptr<DepartmentAdapter> push_department(DepartmentEndpoint endpoint, HttpClient& client);

}  // namespace ow::adapters
