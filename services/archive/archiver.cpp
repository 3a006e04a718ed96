// Writing archive packages and moving archived cases to Archived.
#include "services/archive/archiver.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "services/acceptance/documents.hpp"
#include "services/archive/archive_manifest.hpp"
#include "services/platform/log.hpp"
#include "services/platform/problem.hpp"
#include "services/store/archive_queue_store.hpp"
#include "services/store/audit_chain_store.hpp"
#include "services/store/case_store.hpp"
#include "services/store/file_store.hpp"
#include "services/store/user_store.hpp"
#include "workflow/calendar/instant.hpp"
#include "workflow/machines/case_machine.hpp"

namespace ow::archive {
namespace {

namespace json = boost::json;

// The documents a case may have been issued, as the window prints them.
const std::vector<std::string> kDocuments = {"receipt", "supplement_notice", "department_supplement_notice",
                                             "deferral_notice", "refusal_notice"};

std::string extension_of(const std::string& media_type) {
  if (media_type == "application/pdf") return ".pdf";
  if (media_type == "image/jpeg") return ".jpg";
  if (media_type == "image/png") return ".png";
  return ".bin";
}

// Writes one file into the package while hashing it.
class HashingFile {
 public:
  HashingFile(PackageWriter& w, const std::string& path) : w_(w), path_(path) {
    crypto_hash_sha256_init(&state_);
    w_.open_file(path);
  }
  void write(std::string_view bytes) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    w_.write(bytes);
    size_ += static_cast<std::int64_t>(bytes.size());
  }
  PackedFile finish(json::object about) {
    w_.close_file();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state_, digest);
    return {path_, to_hex(std::string(reinterpret_cast<const char*>(digest), sizeof digest)), size_, std::move(about)};
  }

 private:
  PackageWriter& w_;
  std::string path_;
  crypto_hash_sha256_state state_;
  std::int64_t size_ = 0;
};

PackedFile write_whole(PackageWriter& w, const std::string& path, std::string_view bytes, json::object about) {
  HashingFile f(w, path);
  f.write(bytes);
  return f.finish(std::move(about));
}

// Whether the case machine moves a case in state `s` to Archived (the ended states; asked of the machine itself).
bool archivable(machines::CaseState s) {
  const auto events = machines::CaseMachine(s).accepted_events();
  return std::find(events.begin(), events.end(), machines::CaseEvent::archive) != events.end();
}

}  // namespace

Archiver::Archiver(store::PgPool& pool, files::FileStorage& files, ArchiveStore& store,
                   catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
                   std::function<calendar::Instant()> now, std::int64_t after_seconds)
    : pool_(pool),
      files_(files),
      store_(store),
      catalog_(catalog),
      math_(time),
      cases_(pool, math_),
      runner_(
          cases_, [&catalog](int v) { return catalog.version(v); }, catalog.minutes_per_day(), math_),
      now_(std::move(now)),
      after_seconds_(after_seconds) {}

Archiver::~Archiver() { stop(); }

std::string Archiver::write_package(const std::string& number) {
  std::string manifest_sha;
  const bool written = pool_.transact([&](store::Tx& tx) {
    // A read without locks: an ended case changes no more (the archive transition comes after).
    const auto c = store::cases::by_number(tx, number);
    if (!c) throw std::runtime_error("no case " + number);
    const auto loaded = catalog_.version(c->catalog_version);
    ManifestInput in{*c,
                     store::cases::tasks(tx, c->id),
                     store::audit_chain::rows_of_case(tx, c->id),
                     loaded ? &loaded->catalog : nullptr,
                     {},
                     {},
                     calendar::format_instant(now_())};
    auto package = store_.begin(number);  // a fresh one for each try of the transaction
    if (loaded) {
      acceptance::ReceiptLink link;
      if (c->clerk_id) link.clerk_name = store::users::display_name(tx, *c->clerk_id).value_or("");
      const auto audit = store::cases::audit(tx, c->id);
      for (const auto& kind : kDocuments) {
        std::string html;
        try {
          html = acceptance::render_document(kind, *c, in.tasks, audit, loaded->catalog, link);
        } catch (const platform::Problem&) {
          continue;  // the case was never issued this kind
        }
        in.documents.push_back(write_whole(*package, "documents/" + kind + ".html", html,
                                           {{"kind", kind}, {"media_type", "text/html; charset=utf-8"}}));
      }
    }
    for (const auto& f : store::files::of_case(tx, number)) {
      HashingFile out(*package, "files/" + std::to_string(f.id) + "-" + f.material + extension_of(f.blob.media_type));
      files_.read(tx, f.blob.id, [&out](std::string_view chunk) { out.write(chunk); });
      auto packed = out.finish({{"file_id", f.id},
                                {"material", f.material},
                                {"file_name", f.file_name},
                                {"media_type", f.blob.media_type},
                                {"pages", f.blob.pages ? json::value(*f.blob.pages) : json::value(nullptr)},
                                {"uploaded_at", f.uploaded_at}});
      if (packed.sha256 != f.blob.sha256)
        throw std::runtime_error("file " + std::to_string(f.id) + " does not read back as its stored SHA-256");
      in.files.push_back(std::move(packed));
    }
    const std::string manifest = json::serialize(build_manifest(in));
    manifest_sha = write_whole(*package, "manifest.json", manifest, {}).sha256;
    package->open_file("manifest.json.sha256");
    package->write(manifest_sha + "\n");
    return package->commit();
  });
  if (!written) return "归档包 " + store_.locate(number);  // another instance wrote it meanwhile
  return "归档包 " + store_.locate(number) + "（清单 SHA-256 " + manifest_sha + "）";
}

bool Archiver::archive(const std::string& number) {
  const std::string package = store_.has(number) ? "归档包 " + store_.locate(number) : write_package(number);
  bool moved = false;
  runner_.run(
      casework::CaseKey::of_number(number), casework::platform_work(),
      [&](casework::CaseFile& file) -> std::vector<flow::Command> {
        if (!archivable(file.record.state)) return {};  // archived meanwhile elsewhere
        moved = true;
        return {flow::Archive{package}};
      },
      "platform:archive", now_());
  return moved;
}

int Archiver::pass(int batch) {
  const std::string before = calendar::format_instant(now_() - after_seconds_);
  const auto numbers = pool_.transact([&](store::Tx& tx) { return store::archive_queue::ended(tx, before, batch); });
  int archived = 0;
  for (const auto& number : numbers) {
    if (job_.stopping()) break;
    try {
      if (archive(number)) ++archived;
    } catch (const std::exception& e) {
      platform::log(platform::LogLevel::warn, "case not archived; tried again at the next pass",
                    {{"case", number}, {"error", e.what()}});
    }
  }
  if (archived > 0) platform::log(platform::LogLevel::info, "cases archived", {{"count", archived}});
  return archived;
}

void Archiver::start(std::chrono::seconds every) { job_.start(every); }

void Archiver::stop() { job_.stop(); }

}  // namespace ow::archive
