// Reads the catalog from YAML text (config/catalog/*.yaml): each document may hold any of the top-level
// lists `departments`, `materials`, `items`, `bundles`. Pure: the caller reads the files.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "workflow/catalog/model.hpp"

namespace ow::catalog {

// A malformed document: the message names the file and the entry.
struct CatalogSyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// documents: (file name, YAML text) pairs. Throws CatalogSyntaxError on malformed YAML, a missing field, a
// bad limit or a code defined twice. Cross-references are checked by lint(), not here.
Catalog parse_catalog(const std::vector<std::pair<std::string, std::string>>& documents);

}  // namespace ow::catalog
