// The merged guide (办事指南) of a bundle: what the applicant must bring — each material once, however many
// steps need it; nothing an earlier step produces (上一环节已经提交的材料); e-license-satisfiable materials
// marked — plus the steps, departments, limits, budgets and fees.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflow/catalog/model.hpp"

namespace ow::catalog {

struct GuideMaterial {
  std::string id, name;
  bool required = false;           // any step requires it
  bool key = false;                // any step needs it as key (cannot be deferred)
  std::vector<std::string> forms;  // union of accepted forms
  std::optional<std::string> elicense_type;
  std::vector<std::string> steps;  // the steps that need it
  bool conditional = false;        // every step that needs it has a condition
  bool illustrative = false;
};

struct GuideStep {
  std::string id, item, item_name, department, department_name;
  std::vector<std::string> after, produces;
  std::optional<Condition> condition;
  std::int64_t budget_minutes = 0;
  calendar::Limit statutory, committed;
  std::int64_t fee_fen = 0;
  bool behind_counter = false;  // done by data sharing; not a step the applicant meets
};

struct ProducedMaterial {
  std::string material, name, step;
  std::vector<std::string> used_by;
};

struct Guide {
  const Bundle* bundle = nullptr;
  std::vector<GuideStep> steps;  // in route order
  std::vector<GuideMaterial> materials;
  std::vector<ProducedMaterial> produced;
  std::int64_t total_fee_fen = 0;
};

// Assumes a lint-clean catalog.
Guide merged_guide(const Catalog& c, const Bundle& b, std::int64_t minutes_per_day = 420);

}  // namespace ow::catalog
