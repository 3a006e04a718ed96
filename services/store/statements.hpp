// Named prepared statements: every SQL statement the services run is declared here by name and prepared on
// each new pooled connection (prepare_now), so a bad statement fails at boot, not at first use.
#pragma once

#include <string>
#include <vector>

namespace ow::store {

struct Statement {
  const char* name;
  const char* sql;
};

// Every statement of every store module.
const std::vector<Statement>& all_statements();

}  // namespace ow::store
