// The authorization matrix's table: the callers (its columns) and one row per route with the answer each caller
// must get. The harness that calls the running binary and compares is authorization_matrix_e2e_test.cpp, whose
// top comment says what a cell means.
#pragma once

#include <string>
#include <vector>

namespace ow::testing::authz {

// The callers, in the table's column order (each commented where they are defined).
extern const std::vector<std::string> kCallers;

enum class Fresh { no, case_, extension };

struct Row {
  std::string method, pattern;
  std::string target;  // with {number}, {task}, {order} replaced
  std::string body;    // JSON, or empty
  Fresh fresh;
  std::string cells;  // one cell per caller, separated by spaces
};

// Every route of the server, one row each.
extern const std::vector<Row> kTable;

}  // namespace ow::testing::authz
