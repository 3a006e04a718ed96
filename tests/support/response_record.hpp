// Records the platform's HTTP answers seen by the e2e tests, so that OpenApi.EveryE2eResponseMatchesTheDocument
// can check each against the published OpenAPI document (the document cannot drift from the code). Only answers
// from ports a ServerProcess started are recorded, and only when the directory $OW_TESTENV/openapi-responses
// exists (made by the ctest fixture); one JSON line per answer in <dir>/<pid>.jsonl.
#pragma once

#include <map>
#include <string>

namespace ow::testing {

// Marks `port` as a platform instance whose answers are recorded.
void record_responses_of_port(int port);

// Appends one answer when `port` is recorded: method, target, status, content type, the body when it is JSON,
// and the running gtest's name.
void record_response(int port, const std::string& method, const std::string& target, int status,
                     const std::map<std::string, std::string>& headers, const std::string& body);

}  // namespace ow::testing
