// The service catalog (事项目录): departments, materials, service items (事项) and bundles (一件事) with their
// routes. Plain data, immutable once loaded; a Catalog is one version of the whole catalog.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar/limit.hpp"

namespace ow::catalog {

enum class Transport { push, inbox };

struct Department {
  std::string code, name, region_code;
  Transport transport = Transport::inbox;
};

// A document kind, catalog-wide; items say how they need it.
struct Material {
  std::string id, name;
  std::optional<std::string> elicense_type;  // the 电子证照 type that satisfies it
  bool illustrative = false;
};

// How one item needs a material.
struct MaterialNeed {
  std::string material;  // Material::id
  bool required = true;
  bool key = true;                 // key: cannot be deferred (容缺); false: deferrable
  std::vector<std::string> forms;  // original, copy, electronic
};

// 告知承诺制: the item accepts the applicant's signed commitment (告知承诺书) instead of named proofs. The
// department verifies the commitment (核查) within `verify_within` after approving the item; a commitment found
// false revokes the result. `conditions` are the promises the 告知承诺书 spells out, in the legal wording.
struct CommitmentOption {
  std::vector<std::string> replaces;  // Material ids of the item the commitment stands in for
  calendar::Limit verify_within;      // the 核查's own limit (working days)
  std::vector<std::string> conditions;
};

struct ServiceItem {
  std::string code;                    // implementation code, ≤ 24 characters
  std::string name, department, kind;  // kind: 行政许可, 公共服务, 行政确认, …
  calendar::Limit statutory, committed;
  std::vector<MaterialNeed> materials;
  std::int64_t fee_fen = 0;
  std::string legal_basis;
  bool illustrative = false;
  // How many materials the item asked for before the reform (改革前), when the catalog knows it: the baseline
  // 材料精简率 is measured against.
  std::optional<int> baseline_materials;
  // 一证通办: the item can be done with the ID card alone — every other material it asks is verifiable in the
  // e-licence library or electronic only (lint checks it).
  bool one_card = false;
  std::optional<CommitmentOption> commitment;  // none: the named proofs only
};

// A step runs only when an applicant attribute has a value (e.g. needs_invoice = true).
struct Condition {
  std::string attribute;
  std::string equals;  // compared as text: "true", "false", or any string
};

struct Step {
  std::string id, item, department;  // department defaults to the item's
  std::vector<std::string> after;    // predecessors (step ids)
  std::optional<Condition> condition;
  std::vector<std::string> produces;      // material ids this step hands to later steps
  std::optional<calendar::Limit> budget;  // explicit share of the bundle's committed limit
  // Done behind the counter by data sharing (信息共享): the applicant neither brings anything for it nor
  // meets it as a stage of their own, so it is not one of the steps (环节) a published ceiling counts.
  bool behind_counter = false;
};

struct Attribute {
  std::string name, label;
  std::string type = "boolean";  // boolean or text
};

// Where a bundle's promise comes from: the published document and the indicator in it. A bundle without one
// is the hall's own choice (本厅自定), not a published promise.
struct Provenance {
  std::string document, indicator;
};

// The ceilings the document publishes; each is optional (a row may publish a limit only). How the lint
// counts steps and materials against them: workflow/catalog/ceilings.hpp.
struct Published {
  std::optional<calendar::Limit> limit;
  std::optional<int> max_materials, max_steps;
  std::string note;  // what the number means when it is not a plain ceiling (平均, 自公告期满之日起, …)
};

// A committed limit that starts when a step ends rather than at acceptance (简易注销: 1 working day from the
// end of the notice period, the 公告 step). Counted like acceptance: working days from the next working day
// after that step's approval. That step and every step before it run outside the limit, each on its item's
// own committed limit.
struct LimitStart {
  std::string after_step;  // a step id
  std::string name;        // what starts it, in words: 公告期满
};

struct Bundle {
  std::string code, name;
  std::string audience;  // person or enterprise
  std::string stage;     // life-cycle stage: 开办, 经营, 出生, 退休, …
  calendar::Limit committed;
  std::vector<Attribute> attributes;
  std::vector<Step> steps;
  bool illustrative = false;
  std::optional<LimitStart> limit_starts;  // none: the committed limit runs from acceptance
  std::optional<Provenance> provenance;    // none: a local choice of the hall
  Published published;
};

// Where applicants are served: regions (行政区划) and halls (政务服务中心) with their windows, by name, so that
// screens, documents and the applicant's page say 西湖区政务服务中心 1号窗口, not XH01 W01.
struct Region {
  std::string code, name;
};
struct Window {
  std::string code, name;
};
struct Hall {
  std::string code, name, region_code;
  std::string address, phone, hours;  // where to come, the consultation phone, opening hours
  std::vector<Window> windows;
};

struct Catalog {
  std::map<std::string, Region> regions;
  std::map<std::string, Hall> halls;
  std::map<std::string, Department> departments;
  std::map<std::string, Material> materials;
  std::map<std::string, ServiceItem> items;
  std::map<std::string, Bundle> bundles;
};

const char* to_string(Transport t);

}  // namespace ow::catalog
