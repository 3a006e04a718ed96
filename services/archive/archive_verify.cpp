// Verifying an archive package: files against the manifest, the manifest against its hash, the audit chain.
#include "services/archive/archive_verify.hpp"

#include <sodium.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "services/archive/archive_manifest.hpp"
#include "services/store/audit_chain_store.hpp"

namespace ow::archive {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t number_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : -1;
}

bool inside_package(const std::string& path) {
  return !path.empty() && path.front() != '/' && path.find("..") == std::string::npos;
}

// The listed files (documents, then material files): each present, of its size and SHA-256.
void check_files(const fs::path& package, const json::object& manifest, VerifyReport& r, std::set<std::string>& listed) {
  for (const char* section : {"documents", "files"}) {
    const auto* list = manifest.if_contains(section);
    if (!list || !list->is_array()) {
      r.problems.push_back(std::string("清单缺少「") + section + "」一节");
      continue;
    }
    for (const auto& entry : list->as_array()) {
      if (!entry.is_object()) {
        r.problems.push_back(std::string("清单「") + section + "」一节中有一项格式不对");
        continue;
      }
      const auto& e = entry.as_object();
      const std::string path = text_of(e, "path"), expected = text_of(e, "sha256");
      if (!inside_package(path)) {
        r.problems.push_back("清单列出的路径「" + path + "」不在归档包内");
        continue;
      }
      listed.insert(path);
      ++r.files_checked;
      std::int64_t size = -1;
      const std::string actual = file_sha256(package / path, &size);
      if (actual.empty()) {
        r.problems.push_back("文件 " + path + " 缺失或无法读取");
        continue;
      }
      if (actual != expected)
        r.problems.push_back("文件 " + path + " 的 SHA-256 与清单不符（清单记为 " + expected + "，实际为 " + actual +
                             "）：文件被改动或已损坏");
      else if (size != number_of(e, "size_bytes"))
        r.problems.push_back("文件 " + path + " 的大小与清单不符（清单记为 " + std::to_string(number_of(e, "size_bytes")) +
                             " 字节，实际为 " + std::to_string(size) + " 字节）");
    }
  }
}

// The audit rows' hashes, recomputed one after the other (sql/016's chain), and the head.
void check_audit(const json::object& manifest, VerifyReport& r) {
  const auto* audit = manifest.if_contains("audit");
  if (!audit || !audit->is_object() || !audit->as_object().contains("rows") ||
      !audit->as_object().at("rows").is_array()) {
    r.problems.push_back("清单缺少审计记录（audit.rows）");
    return;
  }
  const auto& a = audit->as_object();
  const std::int64_t case_id = number_of(a, "case_id");
  std::string previous;  // raw bytes of the previous row's hash
  int n = 0;
  for (const auto& v : a.at("rows").as_array()) {
    ++n;
    const auto& o = v.as_object();
    store::audit_chain::ChainRow row{number_of(o, "id"),       case_id,
                                     text_of(o, "entity"),     text_of(o, "event"),
                                     text_of(o, "from_state"), text_of(o, "to_state"),
                                     text_of(o, "actor"),      text_of(o, "at_utc"),
                                     text_of(o, "detail"),     {}};
    const std::string expected = store::audit_chain::link(previous, row);
    if (to_hex(expected) != text_of(o, "hash")) {
      r.problems.push_back("审计记录第 " + std::to_string(n) + " 行（编号 " + std::to_string(row.id) +
                           "）与哈希链不符：该行或它之前的审计记录被改动、删除或调换");
      return;  // every later row fails with it
    }
    previous = expected;
  }
  r.audit_rows = n;
  const auto* head = a.if_contains("head");
  const std::string head_hex = head && head->is_string() ? std::string(head->as_string()) : std::string();
  if (head_hex != (previous.empty() ? std::string() : to_hex(previous)))
    r.problems.push_back("审计链末端哈希与清单记载的不符");
}

}  // namespace

std::string file_sha256(const fs::path& file, std::int64_t* size) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> buf(64 * 1024);
  std::int64_t total = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto got = in.gcount();
    if (got <= 0) break;
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(got));
    total += got;
  }
  if (in.bad()) return {};
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  if (size) *size = total;
  return to_hex(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

VerifyReport verify_package(const fs::path& package) {
  VerifyReport r;
  const fs::path manifest_file = package / "manifest.json";
  std::ifstream in(manifest_file, std::ios::binary);
  if (!fs::is_directory(package) || !in) {
    r.problems.push_back("找不到归档包的清单 " + manifest_file.string());
    return r;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string recorded;
  std::ifstream(package / "manifest.json.sha256") >> recorded;
  if (recorded.empty())
    r.problems.push_back("缺少清单的校验值 manifest.json.sha256");
  else if (recorded != file_sha256(manifest_file))
    r.problems.push_back("清单 manifest.json 的 SHA-256 与 manifest.json.sha256 不符：清单被改动过");
  json::object manifest;
  try {
    manifest = json::parse(text.str()).as_object();
  } catch (const std::exception&) {
    r.problems.push_back("清单 manifest.json 不是有效的 JSON");
    return r;
  }
  if (text_of(manifest, "format") != kManifestFormat)
    r.problems.push_back(std::string("清单格式不是 ") + kManifestFormat);
  std::set<std::string> listed{"manifest.json", "manifest.json.sha256"};
  check_files(package, manifest, r, listed);
  for (const auto& e : fs::recursive_directory_iterator(package)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), package).generic_string();
    if (!listed.contains(rel)) r.problems.push_back("归档包内有清单未列出的文件 " + rel);
  }
  check_audit(manifest, r);
  return r;
}

}  // namespace ow::archive
