// The query code (查询码): the applicant's secret for the public progress lookup and the rating (好差评),
// issued at acceptance and printed on the receipt. Ten symbols from an alphabet without look-alike
// characters (0 O Q, 1 I L, 2 Z, 5 S, 8 B, G and U are all left out, so no two of its symbols look alike),
// drawn uniformly with libsodium's randombytes_uniform: 22^10 ≈ 2^44.6 codes. Written grouped
// (XK7M-RT4H-PW); typed any way the applicant likes — lower case, with or without separators, full-width
// characters from a Chinese input method. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ow::casework::query_code {

// The symbols, in the order the migration (sql/011_query_codes.sql) also uses.
inline constexpr std::string_view kAlphabet = "34679ACDEFHJKMNPRTVWXY";
inline constexpr int kLength = 10;
// log2(22^10), the code's entropy in bits.
double entropy_bits();

// A new random code (kLength symbols of kAlphabet, no separators).
std::string generate();
// The code as the applicant typed it → the stored form (upper case, no separators), or nullopt when it is
// not kLength symbols of the alphabet. Accepts lower case, spaces, '-', and full-width forms (ＸＫ７Ｍ－…).
std::optional<std::string> normalise(std::string_view typed);
// "XK7MRT4HPW" → "XK7M-RT4H-PW" (groups of four).
std::string grouped(std::string_view code);

}  // namespace ow::casework::query_code
