// The runner and the reaches.
#include "services/casework/case_runner.hpp"

#include "services/casework/errors.hpp"
#include "workflow/flow/case_flow.hpp"

namespace ow::casework {

Reach at_window(const platform::Actor& clerk) {
  return [&clerk](const CaseFile& f) { return clerk.covers(f.row.region_code, f.row.hall_code); };
}

Reach in_region(const platform::Actor& actor) {
  return [&actor](const CaseFile& f) { return actor.covers(f.row.region_code); };
}

Reach approver_of_task(const platform::Actor& approver) {
  return [&approver](const CaseFile& f) {
    const auto* t = f.focus();
    return t && approver.role == platform::Role::approver && approver.department_code &&
           t->department_code == *approver.department_code && approver.covers(f.row.region_code);
  };
}

Reach platform_work() {
  return [](const CaseFile&) { return true; };
}

Choose just(flow::Command command) {
  return [command = std::move(command)](CaseFile&) { return std::vector<flow::Command>{command}; };
}

flow::Decision CaseRunner::apply(CaseTransaction& tx, CaseFile& file, const flow::Command& command,
                                 const std::string& actor, calendar::Instant now) const {
  const auto loaded = versions_(file.record.catalog_version ? file.record.catalog_version : file.row.catalog_version);
  if (!loaded)
    throw std::runtime_error("catalog version " + std::to_string(file.row.catalog_version) + " is not stored");
  const auto bundle =
      loaded->catalog.bundles.find(file.record.bundle.empty() ? file.row.bundle_code : file.record.bundle);
  if (bundle == loaded->catalog.bundles.end())
    throw std::runtime_error("bundle " + file.row.bundle_code + " is not in its catalog version");
  const flow::FlowContext ctx{loaded->catalog, bundle->second, minutes_per_day_};
  flow::Decision d = flow::apply(ctx, file.record, command, actor, now);
  tx.write(file, d, now);
  return d;
}

CaseFile CaseRunner::run(CaseTransaction& tx, const CaseKey& key, const Reach& reach, const Choose& choose,
                         const std::string& actor, calendar::Instant now) const {
  auto file = tx.lock(key);
  if (!file || !reach(*file)) throw not_found(key.missing());
  for (const auto& command : choose(*file)) apply(tx, *file, command, actor, now);
  return std::move(*file);
}

CaseFile CaseRunner::run(const CaseKey& key, const Reach& reach, const Choose& choose, const std::string& actor,
                         calendar::Instant now) const {
  return repository_.in_transaction([&](CaseTransaction& tx) { return run(tx, key, reach, choose, actor, now); });
}

}  // namespace ow::casework
