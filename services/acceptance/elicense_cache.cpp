// The e-license cache.
#include "services/acceptance/elicense_cache.hpp"

#include <sodium.h>

#include <boost/json.hpp>

namespace ow::acceptance {

namespace json = boost::json;

std::optional<adapters::ELicense> CachedELicenseLookup::find(const std::string& type, const std::string& holder) const {
  unsigned char digest[crypto_generichash_BYTES];
  const std::string material = type + "\n" + holder;
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(material.data()), material.size(),
                     nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  const std::string key = std::string("ow:elicense:") + hex;
  try {
    auto cached = redis_.command({"GET", key});
    if (cached.kind == store::RedisReply::Kind::text) {
      if (cached.text == "none") return std::nullopt;
      const auto v = json::parse(cached.text);
      const auto& o = v.as_object();
      return adapters::ELicense{std::string(o.at("type").as_string()), std::string(o.at("holder").as_string()),
                                std::string(o.at("number").as_string()), std::string(o.at("issuer").as_string())};
    }
  } catch (const std::exception&) {
    // Redis down or a damaged entry: ask the library.
  }
  auto found = library_.find(type, holder);  // ELicenseUnavailable propagates, uncached
  try {
    const std::string value = found ? json::serialize(json::object{{"type", found->type},
                                                                   {"holder", found->holder},
                                                                   {"number", found->number},
                                                                   {"issuer", found->issuer}})
                                    : std::string("none");
    redis_.command({"SET", key, value, "EX", std::to_string(ttl_.count())});
  } catch (const std::exception&) {
  }
  return found;
}

}  // namespace ow::acceptance
