// The demo catalog (config/catalog/*.yaml) compiled into test binaries, so unit tests read no files.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ow::testing {

const std::vector<std::pair<std::string, std::string>>& embedded_catalog_documents();

}  // namespace ow::testing
