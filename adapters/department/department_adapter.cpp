// The push transport of a department: signed protocol messages over HTTP.
#include "adapters/department/department_adapter.hpp"

#include <chrono>

#include "adapters/department/signature.hpp"

namespace ow::adapters {
namespace {

class PushDepartment : public DepartmentAdapter {
 public:
  PushDepartment(DepartmentEndpoint endpoint, HttpClient& client) : endpoint_(std::move(endpoint)), client_(client) {}
  const std::string& code() const override { return endpoint_.code; }
  Transport transport() const override { return Transport::push; }

  HttpAnswer send(const DepartmentMessage& m) const override {
    // The protocol's timestamp is the wall clock (the flow's clock may be injected).
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    std::map<std::string, std::string> headers{{"Idempotency-Key", m.idempotency_key},
                                               {"X-OW-Timestamp", timestamp},
                                               {"X-OW-Signature", sign(endpoint_.secret, timestamp, m.body)},
                                               {"X-OW-Department", endpoint_.code}};
    if (!m.traceparent.empty()) headers.emplace("traceparent", m.traceparent);
    return client_.post(endpoint_.url + (m.kind == "cancel" ? "/cancellations" : "/tasks"), headers, m.body,
                        endpoint_.connect_timeout, endpoint_.response_timeout);
  }

 private:
  const DepartmentEndpoint endpoint_;
  HttpClient& client_;
};

}  // namespace

std::unique_ptr<DepartmentAdapter> push_department(DepartmentEndpoint endpoint, HttpClient& client) {
  return std::make_unique<PushDepartment>(std::move(endpoint), client);
}

}  // namespace ow::adapters
