// JSON renderings of the catalog and the change list between versions.
#include "services/catalog/catalog_json.hpp"

#include <sodium.h>

#include <boost/json.hpp>

#include "workflow/catalog/ceilings.hpp"

namespace ow::catalog_service {
namespace {

using boost::json::array;
using boost::json::object;

array strings(const std::vector<std::string>& v) {
  array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

object material_json(const catalog::Material& m) {
  object o{{"id", m.id}, {"name", m.name}, {"illustrative", m.illustrative}};
  if (m.elicense_type) o["elicense_type"] = *m.elicense_type;
  return o;
}

object step_definition_json(const catalog::Step& s) {
  object o{{"id", s.id},
           {"item", s.item},
           {"department", s.department},
           {"after", strings(s.after)},
           {"produces", strings(s.produces)}};
  if (s.condition) o["condition"] = object{{"attribute", s.condition->attribute}, {"equals", s.condition->equals}};
  if (s.budget) o["budget"] = s.budget->to_string();
  if (s.behind_counter) o["behind_counter"] = true;
  return o;
}

// When the committed limit starts: null for acceptance, else {after: step id, name: 公告期满}.
boost::json::value limit_starts_json(const catalog::Bundle& b) {
  if (!b.limit_starts) return nullptr;
  return object{{"after", b.limit_starts->after_step}, {"name", b.limit_starts->name}};
}

// Where the bundle's promise comes from: the published document and indicator with its ceilings, or
// local (本厅自定) when the hall chose the limit itself.
object provenance_json(const catalog::Bundle& b) {
  if (!b.provenance) return object{{"local", true}};
  object published;
  const auto& p = b.published;
  if (p.limit) published["limit"] = p.limit->to_string();
  if (p.max_materials) published["max_materials"] = *p.max_materials;
  if (p.max_steps) published["max_steps"] = *p.max_steps;
  if (!p.note.empty()) published["note"] = p.note;
  return object{{"local", false},
                {"document", b.provenance->document},
                {"indicator", b.provenance->indicator},
                {"published", published}};
}

object bundle_definition_json(const catalog::Bundle& b) {
  array attrs, steps;
  for (const auto& a : b.attributes) attrs.push_back(object{{"name", a.name}, {"label", a.label}, {"type", a.type}});
  for (const auto& s : b.steps) steps.push_back(step_definition_json(s));
  return object{{"code", b.code},
                {"name", b.name},
                {"audience", b.audience},
                {"stage", b.stage},
                {"committed_limit", b.committed.to_string()},
                {"illustrative", b.illustrative},
                {"provenance", provenance_json(b)},
                {"limit_starts", limit_starts_json(b)},
                {"attributes", attrs},
                {"steps", steps}};
}

// boost::json::object keeps insertion order; sorting keys makes the text canonical.
boost::json::value canonical(const boost::json::value& v) {
  if (v.is_object()) {
    std::vector<std::string> keys;
    for (const auto& kv : v.as_object()) keys.emplace_back(kv.key());
    std::sort(keys.begin(), keys.end());
    object out;
    for (const auto& k : keys) out[k] = canonical(v.as_object().at(k));
    return out;
  }
  if (v.is_array()) {
    array out;
    for (const auto& e : v.as_array()) out.push_back(canonical(e));
    return out;
  }
  return v;
}

}  // namespace

object department_json(const catalog::Department& d) {
  return object{{"code", d.code},
                {"name", d.name},
                {"region_code", d.region_code},
                {"transport", catalog::to_string(d.transport)}};
}

object region_json(const catalog::Region& g) { return object{{"code", g.code}, {"name", g.name}}; }

object hall_json(const catalog::Hall& h) {
  array windows;
  for (const auto& w : h.windows) windows.push_back(object{{"code", w.code}, {"name", w.name}});
  return object{{"code", h.code},       {"name", h.name},   {"region_code", h.region_code},
                {"address", h.address}, {"phone", h.phone}, {"hours", h.hours},
                {"windows", windows}};
}

namespace {

// 告知承诺制: what the signed commitment stands in for, its 核查 limit, the promised conditions.
object commitment_json(const catalog::Catalog& c, const catalog::CommitmentOption& cm) {
  array replaces, conditions;
  for (const auto& m : cm.replaces) {
    auto it = c.materials.find(m);
    replaces.push_back(object{{"id", m}, {"name", it == c.materials.end() ? m : it->second.name}});
  }
  for (const auto& t : cm.conditions) conditions.emplace_back(t);
  return object{{"replaces", replaces},
                {"verify_within", cm.verify_within.to_string()},
                {"verify_within_text", std::to_string(cm.verify_within.amount) + "个工作日"},
                {"conditions", conditions}};
}

}  // namespace

object item_json(const catalog::Catalog& c, const catalog::ServiceItem& i) {
  array materials;
  for (const auto& m : i.materials) {
    object o{{"id", m.material}, {"required", m.required}, {"key", m.key}, {"forms", strings(m.forms)}};
    if (auto it = c.materials.find(m.material); it != c.materials.end()) {
      o["name"] = it->second.name;
      if (it->second.elicense_type) o["elicense_type"] = *it->second.elicense_type;
    }
    materials.push_back(o);
  }
  object o{{"code", i.code},
           {"name", i.name},
           {"department", i.department},
           {"kind", i.kind},
           {"statutory_limit", i.statutory.to_string()},
           {"committed_limit", i.committed.to_string()},
           {"fee_fen", i.fee_fen},
           {"legal_basis", i.legal_basis},
           {"illustrative", i.illustrative},
           {"one_card", i.one_card},
           {"materials", materials}};
  if (i.baseline_materials) o["baseline_materials"] = *i.baseline_materials;
  if (i.commitment) o["commitment"] = commitment_json(c, *i.commitment);
  if (auto it = c.departments.find(i.department); it != c.departments.end()) o["department_name"] = it->second.name;
  return o;
}

object bundle_summary_json(const catalog::Catalog& c, const catalog::Bundle& b) {
  array departments;
  std::vector<std::string> seen;
  for (const auto& s : b.steps) {
    if (std::find(seen.begin(), seen.end(), s.department) != seen.end()) continue;
    seen.push_back(s.department);
    departments.push_back(department_json(c.departments.at(s.department)));
  }
  return object{{"code", b.code},
                {"name", b.name},
                {"audience", b.audience},
                {"stage", b.stage},
                {"committed_limit", b.committed.to_string()},
                {"steps", b.steps.size()},
                {"provenance", provenance_json(b)},
                {"limit_starts", limit_starts_json(b)},
                {"departments", departments}};
}

object guide_json(const catalog::Catalog& c, const catalog::Guide& g, int version) {
  object o = bundle_summary_json(c, *g.bundle);
  o["catalog_version"] = version;
  o["illustrative"] = g.bundle->illustrative;
  array attrs, steps, materials, produced;
  for (const auto& a : g.bundle->attributes)
    attrs.push_back(object{{"name", a.name}, {"label", a.label}, {"type", a.type}});
  for (const auto& s : g.steps) {
    object so{{"id", s.id},
              {"item", s.item},
              {"item_name", s.item_name},
              {"department", s.department},
              {"department_name", s.department_name},
              {"after", strings(s.after)},
              {"produces", strings(s.produces)},
              {"budget_minutes", s.budget_minutes},
              {"statutory_limit", s.statutory.to_string()},
              {"committed_limit", s.committed.to_string()},
              {"fee_fen", s.fee_fen}};
    if (s.condition) so["condition"] = object{{"attribute", s.condition->attribute}, {"equals", s.condition->equals}};
    so["behind_counter"] = s.behind_counter;
    if (auto it = c.items.find(s.item); it != c.items.end() && it->second.commitment)
      so["commitment"] = commitment_json(c, *it->second.commitment);
    steps.push_back(so);
  }
  for (const auto& m : g.materials) {
    object mo{{"id", m.id},
              {"name", m.name},
              {"required", m.required},
              {"key", m.key},
              {"deferrable", !m.key},
              {"forms", strings(m.forms)},
              {"steps", strings(m.steps)},
              {"conditional", m.conditional},
              {"elicense_satisfiable", m.elicense_type.has_value()},
              {"illustrative", m.illustrative}};
    if (m.elicense_type) {
      mo["elicense_type"] = *m.elicense_type;
      // Not on the applicant's list: intake verifies it in the e-licence library; paper only when it cannot.
      mo["submission"] = "免提交（电子证照核验）";
    }
    materials.push_back(mo);
  }
  for (const auto& p : g.produced)
    produced.push_back(
        object{{"material", p.material}, {"name", p.name}, {"step", p.step}, {"used_by", strings(p.used_by)}});
  o["attributes"] = attrs;
  o["route"] = steps;
  o["materials"] = materials;
  o["produced_by_steps"] = produced;
  o["total_fee_fen"] = g.total_fee_fen;
  const auto counts = catalog::applicant_counts(g);
  o["applicant_counts"] = object{{"steps", counts.steps}, {"materials", counts.materials}};
  return o;
}

object catalog_json(const catalog::Catalog& c) {
  object regions, halls, departments, materials, items, bundles;
  for (const auto& [k, g] : c.regions) regions[k] = region_json(g);
  for (const auto& [k, h] : c.halls) halls[k] = hall_json(h);
  for (const auto& [k, d] : c.departments) departments[k] = department_json(d);
  for (const auto& [k, m] : c.materials) materials[k] = material_json(m);
  for (const auto& [k, i] : c.items) items[k] = item_json(c, i);
  for (const auto& [k, b] : c.bundles) bundles[k] = bundle_definition_json(b);
  return canonical(object{{"regions", regions},
                          {"halls", halls},
                          {"departments", departments},
                          {"materials", materials},
                          {"items", items},
                          {"bundles", bundles}})
      .as_object();
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::vector<std::string> catalog_changes(const object& before, const object& after) {
  std::vector<std::string> out;
  for (const char* kind : {"regions", "halls", "departments", "materials", "items", "bundles"}) {
    std::string singular(kind);
    singular.pop_back();
    const object empty;
    const object& b = before.contains(kind) ? before.at(kind).as_object() : empty;
    const object& a = after.contains(kind) ? after.at(kind).as_object() : empty;
    for (const auto& kv : a) {
      auto it = b.find(kv.key());
      if (it == b.end())
        out.push_back("added " + singular + " " + std::string(kv.key()));
      else if (it->value() != kv.value())
        out.push_back("changed " + singular + " " + std::string(kv.key()));
    }
    for (const auto& kv : b)
      if (!a.contains(kv.key())) out.push_back("removed " + singular + " " + std::string(kv.key()));
  }
  return out;
}

}  // namespace ow::catalog_service
