// The catalog as JSON: what the API answers, and the canonical form whose checksum tells versions apart.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "workflow/catalog/guide.hpp"
#include "workflow/catalog/model.hpp"

namespace ow::catalog_service {

boost::json::object department_json(const catalog::Department& d);
boost::json::object region_json(const catalog::Region& g);
boost::json::object hall_json(const catalog::Hall& h);
boost::json::object item_json(const catalog::Catalog& c, const catalog::ServiceItem& i);
boost::json::object bundle_summary_json(const catalog::Catalog& c, const catalog::Bundle& b);
boost::json::object guide_json(const catalog::Catalog& c, const catalog::Guide& g, int version);
// Every entity, keyed by kind and code; stable key order, so equal catalogs give equal text.
boost::json::object catalog_json(const catalog::Catalog& c);
std::string sha256_hex(const std::string& bytes);
// "added bundle QYKB", "changed item 330106-SCJG-001", … between two canonical JSONs.
std::vector<std::string> catalog_changes(const boost::json::object& before, const boost::json::object& after);

}  // namespace ow::catalog_service
