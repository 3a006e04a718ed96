// Pieces of SQL text shared by the store's named statements, and the text[] parameter they take.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// A timestamptz column as the platform's ISO text in China Standard Time: 2026-06-01T10:00:00+08:00.
#define OW_SQL_CST(col) "to_char(" col " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"')"

namespace ow::store {

// A PostgreSQL text[] literal, {"a","b"}, with quotes and backslashes escaped: libpqxx 6.4 passes no arrays.
std::string text_array_literal(const std::vector<std::string>& items);
// A PostgreSQL bigint[] literal, {1,2,3}.
std::string id_array_literal(const std::vector<std::int64_t>& ids);

}  // namespace ow::store
