// Serving the console's files, confined to the console folder.
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
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `child` lies strictly inside `parent` (both canonical).
bool lies_under(const std::filesystem::path& child, const std::filesystem::path& parent) {
  auto c = child.begin();
  for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;  // a trailing separator of `parent`
    if (c == child.end() || *c != *p) return false;
  }
  return c != child.end();
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  auto canonical = std::filesystem::canonical(dir_, ec);
  if (!ec) dir_ = std::move(canonical);
}

std::optional<std::filesystem::path> StaticFiles::inside(const std::vector<std::string>& segments) const {
  std::filesystem::path file = dir_;
  for (const auto& s : segments) {
    // edge_input has refused these already; checked again because this is what stands between a request and
    // the server's files.
    if (s.empty() || s.front() == '.' || s.find('/') != std::string::npos || s.find('\\') != std::string::npos ||
        s.find('\0') != std::string::npos)
      return std::nullopt;
    file /= s;
  }
  std::error_code ec;
  const auto real = std::filesystem::canonical(file, ec);  // resolves symlinks; fails when nothing is there
  if (ec || !lies_under(real, dir_) || !std::filesystem::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

std::optional<Response> StaticFiles::serve(const std::vector<std::string>& segments) const {
  for (const auto& s : segments)
    if (s.empty() || s.front() == '.')
      return std::nullopt;  // hidden names are never served, nor answered with the console
  std::vector<std::string> wanted = segments;
  if (wanted.empty()) wanted.push_back("index.html");
  auto file = inside(wanted);
  if (!file && !std::filesystem::path(wanted.back()).has_extension())
    file = inside({"index.html"});  // a client-side route
  if (!file) return std::nullopt;
  auto body = read(*file);
  if (!body) return std::nullopt;
  Response res = text_response(200, content_type(*file), std::move(*body));
  res.set(http::field::cache_control, wanted.front() == "assets" ? "public, max-age=31536000, immutable" : "no-cache");
  set_console_headers(res);
  return res;
}

void set_console_headers(Response& res) {
  // Element Plus sets inline styles, hence style-src 'unsafe-inline'; scripts only from our own files. Documents
  // open in a sandboxed iframe from srcdoc (about:srcdoc inherits this policy's frame-src 'self').
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
          "font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
          "form-action 'self'; frame-ancestors 'none'");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Content-Type-Options", "nosniff");
}

}  // namespace ow::platform
