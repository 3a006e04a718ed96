// Upload, listing and reading of case material files, with their checks and the personal-data access record.
#include "services/files/material_files.hpp"

#include <boost/json.hpp>
#include <regex>

#include "services/acceptance/file_type.hpp"
#include "services/casework/personal_data.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/file_store.hpp"
#include "services/store/pii_access_store.hpp"

namespace ow::files {
namespace {

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

Problem case_too_large(std::int64_t limit) {
  return Problem(413, "case_files_too_large", "本件材料文件总量超过上限",
                 "the case's files would exceed " + std::to_string(limit) + " bytes",
                 {{"limit_bytes", limit}, {"field", "file"}});
}

Problem file_too_large(std::int64_t limit) {
  return Problem(413, "file_too_large", "材料文件超过大小上限",
                 "one file may have at most " + std::to_string(limit) + " bytes",
                 {{"limit_bytes", limit}, {"field", "file"}});
}

Problem unsupported_type() {
  return Problem(415, "unsupported_file_type", "只接受PDF、JPEG或PNG格式的材料文件",
                 "the file's bytes are not a PDF, JPEG or PNG (its name does not count)", {{"field", "file"}});
}

Problem infected(const std::string& signature) {
  return Problem(422, "file_infected", "文件未通过病毒检查，未予保存", "the virus scan found " + signature,
                 {{"field", "file"}});
}

void check_names(const std::string& material, const std::string& file_name) {
  static const std::regex material_id("^[A-Za-z0-9_.-]{1,64}$");
  if (!std::regex_match(material, material_id)) throw problems::bad_request("material is a material's id", "material");
  if (file_name.empty() || file_name.size() > 200 ||
      std::any_of(file_name.begin(), file_name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }) ||
      file_name.find_first_of("/\\") != std::string::npos)
    throw problems::bad_request("file_name is a plain file name of 1–200 bytes", "file_name");
}

json::object file_json(const store::MaterialFileRow& f, const std::string& url_base = "/api/v1/cases/") {
  json::object o{{"id", f.id},
                 {"material", f.material},
                 {"file_name", f.file_name},
                 {"sha256", f.blob.sha256},
                 {"media_type", f.blob.media_type},
                 {"size_bytes", f.blob.size_bytes},
                 {"uploaded_at", f.uploaded_at},
                 {"source", f.source},
                 {"source_name", f.source == "elicense" ? "电子证照库" : "上传"},
                 {"url", url_base + f.case_number + "/files/" + std::to_string(f.id)}};
  o["pages"] = f.blob.pages ? json::value(*f.blob.pages) : json::value(nullptr);
  return o;
}

// The case as `actor` may see its files: in full only (the files are the applicant's personal data).
store::CaseRow case_in_full(store::Tx& tx, const platform::Actor& actor, const std::string& number) {
  auto c = store::cases::by_number(tx, number);
  if (!c) throw problems::not_found("no case " + number);
  switch (casework::personal_data_access(actor, *c, store::cases::tasks(tx, c->id))) {
    case casework::CaseSight::hidden: throw problems::not_found("no case " + number);
    case casework::CaseSight::refused: throw problems::forbidden("this role reads no case files");
    case casework::CaseSight::masked:
      throw Problem(403, "files_need_full_sight", "只有受理该件的窗口和正在办理的审批人员可以查看材料文件",
                    "material files are personal data: seen by the hall's clerks and the approver holding a task");
    case casework::CaseSight::full: break;
  }
  return *c;
}

store::MaterialFileRow file_of(store::Tx& tx, const std::string& number, std::int64_t file_id) {
  auto f = store::files::one(tx, number, file_id);
  if (!f) throw problems::not_found("no file " + std::to_string(file_id) + " in case " + number);
  return *f;
}

// Runs fn, answering 503 when clamd cannot scan (nothing is stored then).
template <class F>
auto scanned(F&& fn) {
  try {
    return fn();
  } catch (const ScanUnavailable&) {
    throw problems::unavailable("virus_scan_unavailable", "病毒检查服务暂不可用，请稍后重新上传",
                                "the virus scanner (clamd) could not scan the file", 30);
  }
}

}  // namespace

json::object MaterialFiles::upload(const platform::Actor& actor, const std::string& number, const std::string& material,
                                   const std::string& file_name, ByteSource& source) {
  const auto at_window = [&](store::Tx&, const store::CaseRow& c) {
    if (!actor.covers(c.region_code, c.hall_code)) throw problems::not_found("no case " + number);
  };
  return upload_admitted(at_window, actor.user_id ? std::optional(actor.user_id) : std::nullopt, number, material,
                         file_name, source, "/api/v1/cases/");
}

json::object MaterialFiles::upload_admitted(const UploadAdmission& admit, std::optional<std::int64_t> uploaded_by,
                                            const std::string& number, const std::string& material,
                                            const std::string& file_name, ByteSource& source,
                                            const std::string& url_base) {
  check_names(material, file_name);
  const auto stored = scanned([&] {
    return pool_.transact([&](store::Tx& tx) {
      if (!source.rewind()) throw problems::unavailable("upload_not_repeatable", "上传中断，请重新上传", "", 1);
      auto c = store::cases::for_update(tx, number);  // one upload of a case at a time: the case total holds
      if (!c) throw problems::not_found("no case " + number);
      admit(tx, *c);
      const std::int64_t used = store::files::case_bytes(tx, number);
      std::optional<std::string> media_type;
      acceptance::PdfPageCounter pages;
      std::int64_t size = 0;
      std::optional<ClamdSession> scan;
      if (clamd_) scan.emplace(clamd_->socket_path, clamd_->timeout);
      const auto observe = [&](std::string_view chunk) {
        if (size == 0) {
          media_type = acceptance::sniff_media_type(chunk);
          if (!media_type) throw unsupported_type();
        }
        size += static_cast<std::int64_t>(chunk.size());
        if (size > limits_.max_file_bytes) throw file_too_large(limits_.max_file_bytes);
        if (used + size > limits_.max_case_bytes) throw case_too_large(limits_.max_case_bytes);
        if (*media_type == "application/pdf") pages.feed(chunk);
        if (scan) scan->send(chunk);
      };
      const auto describe = [&] {
        return std::pair{*media_type, *media_type == "application/pdf" ? pages.pages() : std::optional<int>(1)};
      };
      const auto blob = storage_.put(tx, source, observe, describe);
      if (blob.size_bytes == 0) throw unsupported_type();  // an empty body is no file
      if (scan)
        if (const auto verdict = scan->finish(); !verdict.clean) throw infected(verdict.signature);  // rolls back
      const auto id = store::files::attach(tx, number, material, blob.id, file_name, uploaded_by);
      return std::pair{*store::files::one(tx, number, id), blob.existed};
    });
  });
  auto o = file_json(stored.first, url_base);
  o["stored_before"] = stored.second;
  o["virus_scanned"] = clamd_.has_value();  // the counter shows 已查毒 only when the scan ran
  return o;
}

json::object MaterialFiles::list(const platform::Actor& actor, const std::string& number) {
  const auto rows = pool_.transact([&](store::Tx& tx) {
    case_in_full(tx, actor, number);
    return store::files::of_case(tx, number);
  });
  json::array items;
  for (const auto& f : rows) items.push_back(file_json(f));
  return {{"items", items}};
}

json::object MaterialFiles::list_admitted(const std::string& number, const std::string& url_base) {
  const auto rows = pool_.transact([&](store::Tx& tx) { return store::files::of_case(tx, number); });
  json::array items;
  for (const auto& f : rows) items.push_back(file_json(f, url_base));
  return {{"items", items}};
}

std::string MaterialFiles::read(const FileReader& reader, const std::string& number, std::int64_t file_id,
                                const std::function<void(std::string_view)>& sink) {
  return pool_.transact([&](store::Tx& tx) {
    case_in_full(tx, reader.actor, number);
    const auto f = file_of(tx, number, file_id);
    store::pii_access::record(tx,
                              {reader.actor.user_id, reader.actor.login, platform::to_string(reader.actor.role),
                               reader.route, reader.request_id},
                              {number});
    storage_.read(tx, f.blob.id, sink);
    return f.blob.media_type;
  });
}

std::string MaterialFiles::read_admitted(const std::string& number, std::int64_t file_id,
                                         const std::function<void(std::string_view)>& sink) {
  return pool_.transact([&](store::Tx& tx) {
    const auto f = file_of(tx, number, file_id);
    storage_.read(tx, f.blob.id, sink);
    return f.blob.media_type;
  });
}

}  // namespace ow::files
