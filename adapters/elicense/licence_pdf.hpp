// The demo library's copy of a licence as a document: a one-page PDF naming the licence, its number, holder and
// issuer in Chinese. The text uses the standard Chinese font STSong-Light through the UniGB-UCS2-H encoding (not
// embedded, as PDF allows for the Adobe Asian fonts): a viewer supplies the glyphs. The same licence always gives
// the same bytes, so a second fetch is stored once.
#pragma once

#include <string>

#include "adapters/elicense/elicense_lookup.hpp"

namespace ow::adapters {

std::string licence_pdf(const ELicense& licence);

// UTF-8 text as the hex of its UCS-2 big-endian code units (characters outside the Basic Multilingual Plane and
// invalid bytes become U+FFFD), the form a PDF string in a UCS-2 encoded font takes.
std::string ucs2_hex(const std::string& utf8);

}  // namespace ow::adapters
