// Building the manifest of an archive package.
#include "services/archive/archive_manifest.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

namespace ow::archive {
namespace {

namespace json = boost::json;

json::value optional_text(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value json_text(const std::string& text) { return text.empty() ? json::value(nullptr) : json::parse(text); }
json::value optional_json(const std::optional<std::string>& s) { return s ? json_text(*s) : json::value(nullptr); }

json::object case_metadata(const store::CaseRow& c, const catalog::Catalog* cat) {
  const catalog::Bundle* bundle = nullptr;
  if (cat)
    if (auto b = cat->bundles.find(c.bundle_code); b != cat->bundles.end()) bundle = &b->second;
  json::object o{{"number", c.number},
                 {"bundle", c.bundle_code},
                 {"bundle_name", bundle ? json::value(bundle->name) : json::value(nullptr)},
                 {"catalog_version", c.catalog_version},
                 {"state", c.state},
                 {"channel", c.channel},
                 {"region_code", c.region_code},
                 {"hall_code", optional_text(c.hall_code)},
                 {"window_code", optional_text(c.window_code)},
                 {"applicant", json_text(c.applicant)},
                 {"contact_phone", c.phone},
                 {"attributes", json_text(c.attributes)},
                 {"materials", json_text(c.materials)},
                 {"visits", c.visits},
                 {"created_at", c.created_at},
                 {"accepted_at", optional_text(c.accepted_at)},
                 {"committed_due_at", optional_text(c.committed_due_at)},
                 {"statutory_due_at", optional_text(c.statutory_due_at)},
                 {"concluded_at", optional_text(c.concluded_at)},
                 {"delivery", optional_json(c.delivery)}};
  o["met_committed_limit"] = c.met_committed ? json::value(*c.met_committed) : json::value(nullptr);
  o["met_statutory_limit"] = c.met_statutory ? json::value(*c.met_statutory) : json::value(nullptr);
  return o;
}

// Each task's decision: the step's item, its legal basis from the catalog, the outcome and opinion, and the
// audit rows in which it was decided (who, when, what they wrote).
json::array task_decisions(const ManifestInput& in) {
  static const std::vector<std::string> decided = {"approve", "reject", "request_supplement"};
  const catalog::Bundle* bundle = nullptr;
  if (in.catalog)
    if (auto b = in.catalog->bundles.find(in.case_row.bundle_code); b != in.catalog->bundles.end())
      bundle = &b->second;
  json::array out;
  for (const auto& t : in.tasks) {
    json::object o{{"step", t.step}, {"department", t.department_code}, {"state", t.state}};
    const catalog::ServiceItem* item = nullptr;
    if (bundle)
      for (const auto& s : bundle->steps)
        if (s.id == t.step)
          if (auto i = in.catalog->items.find(s.item); i != in.catalog->items.end()) item = &i->second;
    if (in.catalog)
      if (auto d = in.catalog->departments.find(t.department_code); d != in.catalog->departments.end())
        o["department_name"] = d->second.name;
    o["item"] = item ? json::value(json::object{{"name", item->name}, {"kind", item->kind}}) : json::value(nullptr);
    o["legal_basis"] = item ? json::value(item->legal_basis) : json::value(nullptr);
    o["opinion"] = optional_text(t.opinion);
    o["result"] = optional_json(t.result);
    json::array events;
    for (const auto& a : in.audit)
      if (a.entity == t.step && std::find(decided.begin(), decided.end(), a.event) != decided.end())
        events.push_back(json::object{{"audit_id", a.id}, {"event", a.event}, {"actor", a.actor},
                                      {"at", a.at_utc}, {"detail", a.detail}});
    o["decided"] = std::move(events);
    out.push_back(std::move(o));
  }
  return out;
}

json::array packed(const std::vector<PackedFile>& files) {
  json::array out;
  for (const auto& f : files) {
    json::object o = f.about;
    o["path"] = f.path;
    o["sha256"] = f.sha256;
    o["size_bytes"] = f.size_bytes;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::string to_hex(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

json::object build_manifest(const ManifestInput& in) {
  json::array rows;
  for (const auto& a : in.audit)
    rows.push_back(json::object{{"id", a.id},
                                {"entity", a.entity},
                                {"event", a.event},
                                {"from_state", a.from_state},
                                {"to_state", a.to_state},
                                {"actor", a.actor},
                                {"at_utc", a.at_utc},
                                {"detail", a.detail},
                                {"hash", to_hex(a.hash)}});
  const json::object window_decision{{"decision", json_text(in.case_row.decision)},
                                     {"deferred", json_text(in.case_row.deferred)}};
  return {{"format", kManifestFormat},
          {"archived_at", in.archived_at},
          {"case", case_metadata(in.case_row, in.catalog)},
          {"decisions", json::object{{"window", window_decision}, {"tasks", task_decisions(in)}}},
          {"documents", packed(in.documents)},
          {"files", packed(in.files)},
          {"audit", json::object{{"case_id", in.case_row.id},
                                 {"chain", "SHA-256(previous hash ‖ canonical row), sql/016"},
                                 {"rows", std::move(rows)},
                                 {"head", in.audit.empty() ? json::value(nullptr)
                                                           : json::value(to_hex(in.audit.back().hash))}}}};
}

}  // namespace ow::archive
