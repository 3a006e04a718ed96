// A short-lived Redis cache in front of the e-license library: answers (including "none") are kept for a few
// minutes under the blind index of type and holder (no ID numbers in key names), sealed (no personal data in
// values). Redis trouble only skips
// the cache; the library's own unavailability is not cached.
#pragma once

#include <chrono>

#include "adapters/elicense/elicense_lookup.hpp"
#include "services/store/redis_client.hpp"

namespace ow::acceptance {

class CachedELicenseLookup : public adapters::ELicenseLookup {
 public:
  CachedELicenseLookup(const adapters::ELicenseLookup& library, store::RedisClient& redis, std::chrono::seconds ttl)
      : library_(library), redis_(redis), ttl_(ttl) {}
  std::optional<adapters::ELicense> find(const std::string& type, const std::string& holder) const override;
  // Documents are personal data and large: never cached, always the library's.
  std::optional<adapters::ELicenseDocument> document(const adapters::ELicense& licence) const override {
    return library_.document(licence);
  }

 private:
  const adapters::ELicenseLookup& library_;
  store::RedisClient& redis_;
  std::chrono::seconds ttl_;
};

}  // namespace ow::acceptance
