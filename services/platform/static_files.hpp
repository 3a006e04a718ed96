// The web console's built files (services/console/dist, setting `console.dir`) served at `/` for GET: paths outside
// /api/ map to files in that directory; Vite's content-hashed files under /assets/ are cached for a year,
// everything else (index.html) is revalidated on each load; a path without a file extension that names no
// file is a client-side route and gets index.html. ".." and other escapes are refused.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "services/platform/http_types.hpp"

namespace ow::platform {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path dir) : dir_(std::move(dir)) {}
  // The answer for a GET of `path`, or nothing when no file is there (the caller answers 404).
  std::optional<Response> serve(std::string_view path) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace ow::platform
