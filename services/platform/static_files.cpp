// Serving the console's files.
#include "services/platform/static_files.hpp"

#include <fstream>
#include <sstream>

namespace ow::platform {
namespace {

std::string content_type(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  return "application/octet-stream";
}

std::optional<std::string> read(const std::filesystem::path& p) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::optional<Response> StaticFiles::serve(std::string_view path) const {
  if (path.empty() || path.front() != '/' || path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos)
    return std::nullopt;
  std::string relative(path.substr(1));
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  std::filesystem::path file = dir_ / relative;
  auto body = read(file);
  if (!body && !std::filesystem::path(relative).has_extension()) {  // a client-side route
    file = dir_ / "index.html";
    body = read(file);
  }
  if (!body) return std::nullopt;
  Response res = text_response(200, content_type(file), std::move(*body));
  res.set(http::field::cache_control, relative.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace ow::platform
