// E-license (电子证照) lookup at intake: does the applicant hold a licence of a given type? One interface; the
// demo registry below answers in-process until the adapters issue supplies the real transport.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ow::adapters {

struct ELicense {
  std::string type;     // 居民身份证, 营业执照, 不动产权证书, …
  std::string holder;   // ID number or unified social credit code
  std::string number;   // the licence's own number
  std::string issuer;
};

class ELicenseLookup {
 public:
  virtual ~ELicenseLookup() = default;
  // The holder's licence of this type, if the library has one. Implementations time out rather than hang.
  virtual std::optional<ELicense> find(const std::string& type, const std::string& holder) const = 0;
};

// An in-process registry: every valid resident ID number holds a 居民身份证 and 居民户口簿, every credit code a
// 营业执照; other licences are added explicitly (demo data and tests).
class DemoELicenseRegistry : public ELicenseLookup {
 public:
  DemoELicenseRegistry();
  void add(ELicense licence);
  std::optional<ELicense> find(const std::string& type, const std::string& holder) const override;

 private:
  std::multimap<std::string, ELicense> by_holder_;
};

}  // namespace ow::adapters
