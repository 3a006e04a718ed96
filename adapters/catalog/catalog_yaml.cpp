// YAML → Catalog, with errors that name the file and entry.
#include "adapters/catalog/catalog_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include "workflow/calendar/instant.hpp"

namespace ow::catalog {

const char* to_string(Transport t) { return t == Transport::push ? "push" : "inbox"; }

namespace {

struct Reader {
  std::string where;  // "file: bundles[QYKB]"

  [[noreturn]] void fail(const std::string& what) const { throw CatalogSyntaxError(where + ": " + what); }

  std::string text(const YAML::Node& n, const char* field) const {
    const YAML::Node v = n[field];
    if (!v || !v.IsScalar() || v.as<std::string>().empty()) fail(std::string("'") + field + "' is required");
    return v.as<std::string>();
  }
  std::string text_or(const YAML::Node& n, const char* field, const std::string& fallback) const {
    const YAML::Node v = n[field];
    if (!v) return fallback;
    if (!v.IsScalar()) fail(std::string("'") + field + "' must be a single value");
    return v.as<std::string>();
  }
  bool flag(const YAML::Node& n, const char* field, bool fallback) const {
    const YAML::Node v = n[field];
    if (!v) return fallback;
    try {
      return v.as<bool>();
    } catch (const YAML::Exception&) {
      fail(std::string("'") + field + "' must be true or false");
    }
  }
  calendar::Limit limit(const YAML::Node& n, const char* field) const {
    try {
      return calendar::parse_limit(text(n, field));
    } catch (const calendar::ParseError& e) {
      fail(std::string("'") + field + "': " + e.what());
    }
  }
  std::vector<std::string> list(const YAML::Node& n, const char* field) const {
    std::vector<std::string> out;
    const YAML::Node v = n[field];
    if (!v) return out;
    if (!v.IsSequence()) fail(std::string("'") + field + "' must be a list");
    for (const auto& e : v) out.push_back(e.as<std::string>());
    return out;
  }
};

template <class T>
void put(std::map<std::string, T>& map, const std::string& key, T value, const Reader& r) {
  if (!map.emplace(key, std::move(value)).second) r.fail("'" + key + "' is defined twice");
}

YAML::Node sequence(const YAML::Node& root, const char* field, const std::string& file) {
  const YAML::Node v = root[field];
  if (v && !v.IsSequence()) throw CatalogSyntaxError(file + ": '" + field + "' must be a list");
  return v;
}

void read_department(const YAML::Node& n, const std::string& file, Catalog& c) {
  Reader r{file + ": departments[" + n["code"].as<std::string>("?") + "]"};
  Department d{r.text(n, "code"), r.text(n, "name"), r.text(n, "region"), Transport::inbox};
  const std::string t = r.text_or(n, "transport", "inbox");
  if (t == "push")
    d.transport = Transport::push;
  else if (t != "inbox")
    r.fail("transport must be push or inbox");
  put(c.departments, d.code, d, r);
}

void read_region(const YAML::Node& n, const std::string& file, Catalog& c) {
  Reader r{file + ": regions[" + n["code"].as<std::string>("?") + "]"};
  Region g{r.text(n, "code"), r.text(n, "name")};
  put(c.regions, g.code, g, r);
}

void read_hall(const YAML::Node& n, const std::string& file, Catalog& c) {
  Reader r{file + ": halls[" + n["code"].as<std::string>("?") + "]"};
  Hall h{r.text(n, "code"),
         r.text(n, "name"),
         r.text(n, "region"),
         r.text(n, "address"),
         r.text(n, "phone"),
         r.text_or(n, "hours", ""),
         {}};
  const YAML::Node ws = n["windows"];
  if (ws && !ws.IsSequence()) r.fail("'windows' must be a list");
  if (ws)
    for (const auto& w : ws) {
      Window win{r.text(w, "code"), r.text(w, "name")};
      for (const auto& other : h.windows)
        if (other.code == win.code) r.fail("window '" + win.code + "' is defined twice");
      h.windows.push_back(win);
    }
  put(c.halls, h.code, h, r);
}

void read_material(const YAML::Node& n, const std::string& file, Catalog& c) {
  Reader r{file + ": materials[" + n["id"].as<std::string>("?") + "]"};
  Material m{r.text(n, "id"), r.text(n, "name"), std::nullopt, r.flag(n, "illustrative", false)};
  if (n["elicense"]) m.elicense_type = r.text(n, "elicense");
  put(c.materials, m.id, m, r);
}

void read_item(const YAML::Node& n, const std::string& file, Catalog& c) {
  Reader r{file + ": items[" + n["code"].as<std::string>("?") + "]"};
  ServiceItem i;
  i.code = r.text(n, "code");
  if (i.code.size() > 24) r.fail("the implementation code has more than 24 characters");
  i.name = r.text(n, "name");
  i.department = r.text(n, "department");
  i.kind = r.text(n, "kind");
  i.statutory = r.limit(n, "statutory");
  i.committed = r.limit(n, "committed");
  try {
    i.fee_fen = n["fee_fen"] ? n["fee_fen"].as<std::int64_t>() : 0;
  } catch (const YAML::Exception&) {
    r.fail("'fee_fen' must be a whole number of fen");
  }
  if (i.fee_fen < 0) r.fail("'fee_fen' must not be negative");
  i.legal_basis = r.text_or(n, "legal_basis", "");
  i.illustrative = r.flag(n, "illustrative", false);
  i.one_card = r.flag(n, "one_card", false);
  if (n["baseline_materials"]) {
    try {
      i.baseline_materials = n["baseline_materials"].as<int>();
    } catch (const YAML::Exception&) {
      r.fail("'baseline_materials' must be a whole number (materials asked before the reform)");
    }
    if (*i.baseline_materials < 0) r.fail("'baseline_materials' must not be negative");
  }
  if (const YAML::Node cm = n["commitment"]) {  // 告知承诺制 (README: the catalog's format)
    if (!cm.IsMap()) r.fail("'commitment' must be a map (replaces, verify_within, conditions)");
    const Reader cr{r.where + ": commitment"};
    i.commitment = CommitmentOption{cr.list(cm, "replaces"), cr.limit(cm, "verify_within"), cr.list(cm, "conditions")};
  }
  const YAML::Node ms = n["materials"];
  if (ms && !ms.IsSequence()) r.fail("'materials' must be a list");
  if (ms)
    for (const auto& m : ms) {
      MaterialNeed need{r.text(m, "id"), r.flag(m, "required", true), r.flag(m, "key", true), r.list(m, "forms")};
      if (need.forms.empty()) need.forms = {"original"};
      for (const auto& f : need.forms)
        if (f != "original" && f != "copy" && f != "electronic")
          r.fail("material form must be original, copy or electronic, not '" + f + "'");
      i.materials.push_back(need);
    }
  put(c.items, i.code, i, r);
}

std::optional<int> count(const YAML::Node& n, const char* field, const Reader& r) {
  if (!n[field]) return std::nullopt;
  int v = 0;
  try {
    v = n[field].as<int>();
  } catch (const YAML::Exception&) {
    r.fail(std::string("'") + field + "' must be a whole number");
  }
  if (v < 1) r.fail(std::string("'") + field + "' must be at least 1");
  return v;
}

// provenance: {document, indicator}; published: {limit, max_materials, max_steps, note}.
void read_provenance(const YAML::Node& n, const Reader& r, Bundle& b) {
  if (const YAML::Node p = n["provenance"]) {
    if (!p.IsMap()) r.fail("'provenance' must be {document, indicator}");
    const Reader pr{r.where + ".provenance"};
    b.provenance = Provenance{pr.text(p, "document"), pr.text(p, "indicator")};
  }
  if (const YAML::Node p = n["published"]) {
    if (!p.IsMap()) r.fail("'published' must be {limit, max_materials, max_steps}");
    const Reader pr{r.where + ".published"};
    for (const auto& kv : p) {
      const std::string key = kv.first.as<std::string>();
      if (key != "limit" && key != "max_materials" && key != "max_steps" && key != "note")
        pr.fail("unknown field '" + key + "' (limit, max_materials, max_steps, note)");
    }
    if (p["limit"]) b.published.limit = pr.limit(p, "limit");
    b.published.max_materials = count(p, "max_materials", pr);
    b.published.max_steps = count(p, "max_steps", pr);
    b.published.note = pr.text_or(p, "note", "");
  }
}

void read_bundle(const YAML::Node& n, const std::string& file, Catalog& c) {
  Reader r{file + ": bundles[" + n["code"].as<std::string>("?") + "]"};
  Bundle b;
  b.code = r.text(n, "code");
  b.name = r.text(n, "name");
  b.audience = r.text(n, "audience");
  if (b.audience != "person" && b.audience != "enterprise") r.fail("audience must be person or enterprise");
  b.stage = r.text_or(n, "stage", "");
  b.committed = r.limit(n, "committed");
  b.illustrative = r.flag(n, "illustrative", false);
  read_provenance(n, r, b);
  if (const YAML::Node ls = n["limit_starts"]) {
    if (!ls.IsMap()) r.fail("'limit_starts' must be {after: STEP, name: 公告期满}");
    const Reader lr{r.where + ".limit_starts"};
    b.limit_starts = LimitStart{lr.text(ls, "after"), lr.text(ls, "name")};
  }
  if (const YAML::Node as = n["attributes"]) {
    for (const auto& a : as) {
      Attribute attr{r.text(a, "name"), r.text_or(a, "label", ""), r.text_or(a, "type", "boolean")};
      if (attr.type != "boolean" && attr.type != "text") r.fail("attribute type must be boolean or text");
      b.attributes.push_back(attr);
    }
  }
  const YAML::Node steps = n["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0) r.fail("'steps' must be a non-empty list");
  for (const auto& s : steps) {
    Reader sr{r.where + ".steps[" + s["id"].as<std::string>("?") + "]"};
    Step step;
    step.id = sr.text(s, "id");
    step.item = sr.text(s, "item");
    step.department = sr.text_or(s, "department", "");
    step.after = sr.list(s, "after");
    step.produces = sr.list(s, "produces");
    if (s["budget"]) step.budget = sr.limit(s, "budget");
    step.behind_counter = sr.flag(s, "behind_counter", false);
    if (const YAML::Node when = s["when"]) {
      if (!when.IsMap() || when.size() != 1)
        sr.fail("'when' must name exactly one attribute, e.g. {needs_invoice: true}");
      auto kv = *when.begin();
      step.condition = Condition{kv.first.as<std::string>(), kv.second.as<std::string>()};
    }
    b.steps.push_back(step);
  }
  put(c.bundles, b.code, b, r);
}

}  // namespace

Catalog parse_catalog(const std::vector<std::pair<std::string, std::string>>& documents) {
  Catalog c;
  for (const auto& [file, text] : documents) {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw CatalogSyntaxError(file + ": " + e.what());
    }
    if (root.IsNull()) continue;
    if (!root.IsMap())
      throw CatalogSyntaxError(file + ": expected regions, halls, departments, materials, items or bundles");
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (key != "regions" && key != "halls" && key != "departments" && key != "materials" && key != "items" &&
          key != "bundles")
        throw CatalogSyntaxError(file + ": unknown section '" + key + "'");
    }
    try {
      if (auto s = sequence(root, "regions", file))
        for (const auto& n : s) read_region(n, file, c);
      if (auto s = sequence(root, "halls", file))
        for (const auto& n : s) read_hall(n, file, c);
      if (auto s = sequence(root, "departments", file))
        for (const auto& n : s) read_department(n, file, c);
      if (auto s = sequence(root, "materials", file))
        for (const auto& n : s) read_material(n, file, c);
      if (auto s = sequence(root, "items", file))
        for (const auto& n : s) read_item(n, file, c);
      if (auto s = sequence(root, "bundles", file))
        for (const auto& n : s) read_bundle(n, file, c);
    } catch (const YAML::Exception& e) {
      throw CatalogSyntaxError(file + ": " + e.what());
    }
  }
  // A step's department defaults to its item's.
  for (auto& [code, b] : c.bundles)
    for (auto& s : b.steps)
      if (s.department.empty())
        if (auto it = c.items.find(s.item); it != c.items.end()) s.department = it->second.department;
  return c;
}

}  // namespace ow::catalog
