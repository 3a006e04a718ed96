// Inspection findings (巡查、自查、办事指南一致性检查): a supervisor records what an inspection found at a hall,
// a window or a department of their region (POST /api/v1/inspections), and lists them (GET
// /api/v1/inspections?kind=&from=&to=). The weekly bulletin reports them per kind on each kind's own cycle
// (inspection_cycles.hpp, bulletin_sections.hpp).
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "services/catalog/catalog_service.hpp"
#include "services/platform/actor.hpp"
#include "services/store/inspection_store.hpp"
#include "services/store/pg_pool.hpp"
#include "workflow/calendar/instant.hpp"

namespace ow::supervision {

// Where a finding (or a ticket) points, by name: 西湖区政务服务中心 1号窗口, or 西湖区市场监督管理局.
std::string place_label(const catalog::Catalog* catalog, const std::optional<std::string>& hall,
                        const std::optional<std::string>& window, const std::optional<std::string>& department);

boost::json::object finding_json(const store::FindingRow& f, const catalog::Catalog* catalog);

class InspectionDesk {
 public:
  InspectionDesk(store::PgPool& pool, catalog_service::CatalogService& catalog, std::function<calendar::Instant()> now)
      : pool_(pool), catalog_(catalog), now_(std::move(now)) {}

  // {kind, hall?, window?, department?, inspected_on, finding, rectification?} → the finding (201).
  boost::json::object record(const platform::Actor& who, const boost::json::object& body);
  boost::json::object list(const platform::Actor& who, const std::map<std::string, std::string>& query);

 private:
  store::PgPool& pool_;
  catalog_service::CatalogService& catalog_;
  std::function<calendar::Instant()> now_;
};

}  // namespace ow::supervision
