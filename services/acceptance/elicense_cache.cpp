// The e-license cache.
#include "services/acceptance/elicense_cache.hpp"

#include <boost/json.hpp>

#include "services/store/vault.hpp"

namespace ow::acceptance {

namespace json = boost::json;

std::optional<adapters::ELicense> CachedELicenseLookup::find(const std::string& type, const std::string& holder) const {
  const auto vault = store::vault();
  // The key is the blind index of type and holder (keyed: an ID number cannot be guessed back from it); the
  // value is sealed and bound to that key, and leaves the holder out (the caller knows it).
  const std::string index = vault->blind("elicense", type + "\n" + holder);
  const std::string key = "ow:elicense:" + index, context = "redis.elicense:" + index;
  try {
    auto cached = redis_.command({"GET", key});
    if (cached.kind == store::RedisReply::Kind::text) {
      const auto colon = cached.text.find(':');
      const auto v =
          json::parse(vault->open({std::stoi(cached.text.substr(0, colon)), cached.text.substr(colon + 1)}, context));
      if (v.is_null()) return std::nullopt;
      const auto& o = v.as_object();
      return adapters::ELicense{type, holder, std::string(o.at("number").as_string()),
                                std::string(o.at("issuer").as_string())};
    }
  } catch (const std::exception&) {
    // Redis down, a damaged entry or one sealed with a key no longer held: ask the library.
  }
  auto found = library_.find(type, holder);  // ELicenseUnavailable propagates, uncached
  try {
    const std::string plain = found
                                  ? json::serialize(json::object{{"number", found->number}, {"issuer", found->issuer}})
                                  : std::string("null");
    const auto sealed = vault->seal(plain, context);
    redis_.command({"SET", key, std::to_string(sealed.key_id) + ":" + sealed.text, "EX", std::to_string(ttl_.count())});
  } catch (const std::exception&) {
  }
  return found;
}

}  // namespace ow::acceptance
