// Named prepared statements: every SQL statement the services run is declared here by name. Each pooled
// connection prepares a statement when it first runs it; `serve` prepares them all on one connection at boot
// (PgPool::prepare_now), so a bad statement fails the boot (a CLI command finds it when it first runs it).
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
