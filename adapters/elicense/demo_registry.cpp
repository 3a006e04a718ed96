// The demo e-license registry.
#include <string>

#include "adapters/elicense/elicense_lookup.hpp"
#include "adapters/elicense/licence_pdf.hpp"

namespace ow::adapters {

DemoELicenseRegistry::DemoELicenseRegistry() {
  // A demo property certificate and marriage certificate for the README's sample applicant.
  add({"不动产权证书", "11010519491231002X", "浙(2024)杭州市不动产权第0000001号", "杭州市规划和自然资源局"});
  add({"结婚证", "11010519491231002X", "J330106-1975-000001", "西湖区民政局"});
}

void DemoELicenseRegistry::add(ELicense licence) { by_holder_.emplace(licence.holder, std::move(licence)); }

std::optional<ELicense> DemoELicenseRegistry::find(const std::string& type, const std::string& holder) const {
  auto [it, end] = by_holder_.equal_range(holder);
  for (; it != end; ++it)
    if (it->second.type == type) return it->second;
  if (holder.size() == 18 && (type == "居民身份证" || type == "居民户口簿") && holder[0] >= '1' && holder[0] <= '9' &&
      holder.find_first_not_of("0123456789Xx") == std::string::npos)
    return ELicense{type, holder, holder, "公安机关"};
  if (holder.size() == 18 && type == "营业执照" && (holder[0] == '9' || holder[0] == '1'))
    return ELicense{type, holder, holder, "市场监督管理部门"};
  return std::nullopt;
}

std::optional<ELicenseDocument> DemoELicenseRegistry::document(const ELicense& licence) const {
  if (!find(licence.type, licence.holder)) return std::nullopt;
  return ELicenseDocument{"application/pdf", licence_pdf(licence)};
}

}  // namespace ow::adapters
