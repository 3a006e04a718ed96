// What casework refuses, said in its own terms: a case outside the caller's reach is not there, a task held
// by someone else is a conflict, and so on. Services throw these; the platform turns each kind into its HTTP
// answer in one place (Api::to_problem), so no service builds an HTTP problem for them.
#pragma once

#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>

namespace ow::casework {

enum class RefusalKind { not_found, conflict, unprocessable, forbidden };

struct Refusal : std::runtime_error {
  Refusal(RefusalKind kind, std::string code, std::string title, std::string detail, boost::json::object extra = {});
  RefusalKind kind;
  std::string code, title, detail;
  boost::json::object extra;
};

// A case (or a task) that does not exist or lies outside the caller's reach: the same answer for both, so a
// number from elsewhere reveals nothing.
Refusal not_found(const std::string& detail);
// The caller's role or post does not do this (a clerk without a window, …).
Refusal forbidden(const std::string& detail);
// The approver does not hold the task this needs (claim it first).
Refusal task_not_claimed(const std::string& detail);

}  // namespace ow::casework
