// RFC 7807 problems: the one error shape of the API. A Problem carries the HTTP status, a stable
// machine-readable `code`, a Chinese `title`, an optional English/Chinese `detail` and extra members.
#pragma once

#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>

namespace ow::platform {

class Problem : public std::runtime_error {
 public:
  Problem(unsigned status, std::string code, std::string title, std::string detail = {}, boost::json::object extra = {})
      : std::runtime_error(code + ": " + detail),
        status_(status),
        code_(std::move(code)),
        title_(std::move(title)),
        detail_(std::move(detail)),
        extra_(std::move(extra)) {}

  unsigned status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& title() const { return title_; }
  const std::string& detail() const { return detail_; }
  const boost::json::object& extra() const { return extra_; }
  // Seconds for a Retry-After header, 0 for none.
  unsigned retry_after() const { return retry_after_; }
  Problem& with_retry_after(unsigned seconds) {
    retry_after_ = seconds;
    return *this;
  }
  // The problem+json body; `instance` is the request path.
  boost::json::object body(const std::string& instance, const std::string& request_id) const;

 private:
  unsigned status_;
  std::string code_, title_, detail_;
  boost::json::object extra_;
  unsigned retry_after_ = 0;
};

// The common ones, so that codes and titles stay the same everywhere.
namespace problems {
Problem bad_request(std::string detail, std::string field = {});
Problem malformed_json(std::string detail);
Problem unauthorized(std::string detail = {});
Problem forbidden(std::string detail = {});
Problem not_found(std::string detail = {});
Problem conflict(std::string code, std::string title, std::string detail);
Problem unprocessable(std::string code, std::string title, std::string detail);
Problem payload_too_large(std::size_t limit);
Problem unavailable(std::string code, std::string title, std::string detail, unsigned retry_after);
Problem internal(std::string detail = {});
}  // namespace problems

}  // namespace ow::platform
