// The archiving job (电子归档), run by the timekeeper role every archive.interval_seconds: each case that ended
// archive.after_seconds ago or earlier in a state the case machine archives from (办结, 不予受理, 不予许可, 撤回,
// 撤销; a concluded one only once its 告知承诺 are verified) gets its package — manifest, documents as issued,
// material files — written to the archive store, and then moves to Archived through the case machine. The
// package is written first, from a read of the case that takes no lock (the files stream from storage to the
// store); only then is the case locked, briefly, for the state change (its audit row names the package and the
// manifest's hash). A crash in between leaves a complete package and an ended case: the next pass finds the
// package and only moves the case. The retention purge of personal data takes archived cases only.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "services/archive/archive_store.hpp"
#include "services/casework/case_runner.hpp"
#include "services/casework/pg_case_repository.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/files/file_storage.hpp"
#include "services/platform/repeating_job.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/clock.hpp"

namespace ow::archive {

class Archiver {
 public:
  Archiver(store::PgPool& pool, files::FileStorage& files, ArchiveStore& store,
           catalog_service::CatalogService& catalog, const calendar::WorkingTime& time,
           std::function<calendar::Instant()> now, std::int64_t after_seconds = 0);
  ~Archiver();
  Archiver(const Archiver&) = delete;
  Archiver& operator=(const Archiver&) = delete;

  // Archives up to `batch` cases ended at least `after_seconds` ago (archive.after_seconds); returns how many
  // moved to Archived. A case that fails is logged and tried again at the next pass.
  int pass(int batch = 50);
  // Runs pass() every `every` on a thread of its own until stop().
  void start(std::chrono::seconds every);
  void stop();

 private:
  // Writes the case's package (unless stored already); returns the audit row's words about it.
  std::string write_package(const std::string& number);
  bool archive(const std::string& number);

  store::PgPool& pool_;
  files::FileStorage& files_;
  ArchiveStore& store_;
  catalog_service::CatalogService& catalog_;
  calendar::ClockMath math_;
  casework::PgCaseRepository cases_;
  casework::CaseRunner runner_;
  std::function<calendar::Instant()> now_;
  std::int64_t after_seconds_;
  platform::RepeatingJob job_{"archive pass", [this] { pass(); }};
};

}  // namespace ow::archive
