// The client's address, as used for login throttling and request logs: the socket peer, unless the peer
// is a trusted proxy (setting http.trusted_proxies), in which case it is the right-most address of
// X-Forwarded-For that is not itself a trusted proxy. Addresses a client wrote further left are never
// believed, so a client cannot pick the address it is counted under. Pure functions; thread-safe.
#pragma once

#include <array>
#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/platform/http_types.hpp"

namespace ow::platform {

// A list of IP addresses and CIDR networks, e.g. "10.0.0.0/8, 192.168.1.7, fd00::/8". Empty: trust no one.
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Comma-separated entries; throws std::invalid_argument naming the first bad entry.
  static TrustedProxies parse(std::string_view text);

  bool contains(const boost::asio::ip::address& address) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    bool v4 = true;
    std::array<unsigned char, 16> bytes{};
    int prefix = 0;  // leading bits that must match
  };
  std::vector<Network> networks_;
};

// An address in its canonical text ("::ffff:10.0.0.1" → "10.0.0.1"), or nothing when `text` is not an IP
// address. Accepts the forms proxies write: "10.0.0.1", "10.0.0.1:5123", "2001:db8::1", "[2001:db8::1]:5123".
std::optional<boost::asio::ip::address> parse_ip(std::string_view text);

// `forwarded_for`: the X-Forwarded-For values in the order the headers came, joined with commas.
std::string client_address(std::string_view peer, std::string_view forwarded_for, const TrustedProxies& proxies);
// The same for a request (every X-Forwarded-For header of it).
std::string client_address(const Request& request, std::string_view peer, const TrustedProxies& proxies);

// The key a counter that protects something (login throttle, public lookup) counts a client address under: an
// IPv4 address as it is, an IPv6 address by its /64 network (one subscriber gets a whole /64 and could
// otherwise step to a fresh counter with every guess). Text that is not an address is returned as it is.
std::string throttle_bucket(std::string_view address);

}  // namespace ow::platform
