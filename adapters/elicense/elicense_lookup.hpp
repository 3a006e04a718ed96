// E-license (电子证照) lookup at intake: does the applicant hold a licence of a given type? One interface; an
// in-process demo registry, and the HTTP lookup (http_elicense_lookup.hpp) against a registry service.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ow::adapters {

struct ELicense {
  std::string type;    // 居民身份证, 营业执照, 不动产权证书, …
  std::string holder;  // ID number or unified social credit code
  std::string number;  // the licence's own number
  std::string issuer;
};

// A licence's document as the library gives it (a PDF), to be stored as the material's file.
struct ELicenseDocument {
  std::string media_type;  // application/pdf
  std::string bytes;
};

// The library did not answer in time (or answered nonsense): the clerk checks the paper original instead.
struct ELicenseUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ELicenseLookup {
 public:
  virtual ~ELicenseLookup() = default;
  // The holder's licence of this type, if the library has one. Implementations time out rather than hang and
  // then throw ELicenseUnavailable.
  virtual std::optional<ELicense> find(const std::string& type, const std::string& holder) const = 0;
  // The document of a licence `find` gave, if the library has one to give. Times out like find, then throws
  // ELicenseUnavailable.
  virtual std::optional<ELicenseDocument> document(const ELicense& licence) const = 0;
};

// An in-process registry: every valid resident ID number holds a 居民身份证 and 居民户口簿, every credit code a
// 营业执照; other licences are added explicitly (demo data and tests).
class DemoELicenseRegistry : public ELicenseLookup {
 public:
  DemoELicenseRegistry();
  void add(ELicense licence);
  std::optional<ELicense> find(const std::string& type, const std::string& holder) const override;
  // The licence's one-page PDF (licence_pdf.hpp) for every licence it holds.
  std::optional<ELicenseDocument> document(const ELicense& licence) const override;

 private:
  std::multimap<std::string, ELicense> by_holder_;
};

}  // namespace ow::adapters
