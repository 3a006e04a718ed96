// The web console's built files (services/console/dist, setting `console.dir`) served at `/` for GET: paths outside
// /api/ map to files in that directory; Vite's content-hashed files under /assets/ are cached for a year,
// everything else (index.html) is revalidated on each load; a path without a file extension that names no
// file is a client-side route and gets index.html. The path arrives decoded into segments (edge_input, which
// refuses empty, "." and ".." segments, encoded slashes, backslashes and NUL); a file is served only when its
// canonical path (symlinks resolved) lies inside the canonical console folder, and hidden names are refused.
// Every answer carries the console's security headers (CSP, frame-ancestors, Referrer-Policy, nosniff).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "services/platform/http_types.hpp"

namespace ow::platform {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path dir);
  // The answer for a GET of the path with these decoded segments, or nothing when no file is there (the caller
  // answers 404).
  std::optional<Response> serve(const std::vector<std::string>& segments) const;

 private:
  std::optional<std::filesystem::path> inside(const std::vector<std::string>& segments) const;
  std::filesystem::path dir_;  // canonical when it exists
};

// The Content-Security-Policy and related headers of the console's pages.
void set_console_headers(Response& res);

}  // namespace ow::platform
