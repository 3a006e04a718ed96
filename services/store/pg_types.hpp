// The store's implementation types over libpqxx 6.4. Included only by services/store/*.cpp (and by tests
// that set up data directly): the layering test refuses pqxx anywhere else.
#pragma once

#include <pqxx/pqxx>

#include "services/store/transaction.hpp"

namespace ow::store {

class Connection : public pqxx::connection {
 public:
  using pqxx::connection::connection;
};

// A read-committed read-write transaction (pqxx::work). libpqxx names its transactions through a virtual
// base, which the most derived class must initialise.
class Tx : public pqxx::work {
 public:
  explicit Tx(pqxx::connection_base& c) : pqxx::internal::namedclass{"transaction<READ COMMITTED>"}, pqxx::work(c) {}
};

// One statement in autocommit (pqxx::nontransaction): it is its own transaction, committed when it ends, and
// costs one round trip instead of three (BEGIN, statement, COMMIT). For a look-up or a counter draw that is
// one statement anyway: the same snapshot, the same durability, the same locks.
class Single : public pqxx::nontransaction {
 public:
  explicit Single(pqxx::connection_base& c) : pqxx::internal::namedclass{"nontransaction"}, pqxx::nontransaction(c) {}
};

}  // namespace ow::store
