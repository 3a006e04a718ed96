// The opaque handle of one open database transaction. Services pass it on to store functions and never look
// inside: what it is (a libpqxx transaction) is known only to the store's implementation files.
#pragma once

namespace ow::store {

class Tx;          // one open read-write transaction (services/store/pg_types.hpp)
class Single;      // one statement on its own, committed by itself: no BEGIN/COMMIT round trips (pg_types.hpp)
class Connection;  // one PostgreSQL connection of the pool (services/store/pg_types.hpp)

}  // namespace ow::store
