// Parsing trusted-proxy lists and picking the client's address out of X-Forwarded-For.
#include "services/platform/client_address.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace ow::platform {
namespace ip = boost::asio::ip;
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<ip::address> exact_ip(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

// Calls f(entry) for each comma-separated entry, right to left, until f returns false.
template <class F>
void each_from_right(std::string_view list, F&& f) {
  while (true) {
    const auto comma = list.rfind(',');
    const std::string_view entry = trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
    if (!f(entry) || comma == std::string_view::npos) return;
    list = list.substr(0, comma);
  }
}

}  // namespace

std::optional<ip::address> parse_ip(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (text.front() == '[') {  // [v6] or [v6]:port
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto a = exact_ip(text.substr(1, close - 1));
    return a && a->is_v6() ? a : std::nullopt;
  }
  if (auto a = exact_ip(text)) return a;
  const auto colon = text.find(':');  // v4:port (a v6 address has several colons and parsed above)
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos) return std::nullopt;
  auto a = exact_ip(text.substr(0, colon));
  return a && a->is_v4() ? a : std::nullopt;
}

TrustedProxies TrustedProxies::parse(std::string_view text) {
  TrustedProxies out;
  bool bad = false;
  std::string bad_entry;
  each_from_right(text, [&](std::string_view entry) {
    if (entry.empty()) return true;
    const auto slash = entry.find('/');
    auto a = exact_ip(entry.substr(0, slash));
    Network n;
    if (a) {
      n.v4 = a->is_v4();
      if (n.v4) {
        const auto b = a->to_v4().to_bytes();
        std::copy(b.begin(), b.end(), n.bytes.begin());
      } else {
        n.bytes = a->to_v6().to_bytes();
      }
      n.prefix = n.v4 ? 32 : 128;
      if (slash != std::string_view::npos) {
        const auto digits = entry.substr(slash + 1);
        int prefix = -1;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (ec != std::errc() || end != digits.data() + digits.size() || prefix < 0 || prefix > n.prefix)
          a.reset();
        else
          n.prefix = prefix;
      }
    }
    if (!a) {
      bad = true;
      bad_entry = std::string(entry);
      return false;
    }
    out.networks_.insert(out.networks_.begin(), n);
    return true;
  });
  if (bad) throw std::invalid_argument("'" + bad_entry + "' is not an IP address or CIDR network (e.g. 10.0.0.0/8)");
  return out;
}

bool TrustedProxies::contains(const ip::address& address) const {
  std::array<unsigned char, 16> bytes{};
  bool v4 = address.is_v4();
  if (v4) {
    const auto b = address.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), bytes.begin());
  } else if (address.to_v6().is_v4_mapped()) {
    return contains(ip::make_address_v4(ip::v4_mapped, address.to_v6()));
  } else {
    bytes = address.to_v6().to_bytes();
  }
  for (const auto& n : networks_) {
    if (n.v4 != v4) continue;
    bool match = true;
    for (int bit = 0; bit < n.prefix && match; bit += 8) {
      const int take = std::min(8, n.prefix - bit);
      const unsigned char mask = static_cast<unsigned char>(0xFF << (8 - take));
      match = (bytes[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for, const TrustedProxies& proxies) {
  const auto peer_ip = parse_ip(peer);
  if (!peer_ip) return std::string(peer);
  std::string client = peer_ip->to_string();
  if (!proxies.contains(*peer_ip)) return client;
  // Walk left from the peer while each hop is a trusted proxy; the first hop that is not is the client.
  // An entry that is not an address ends the walk: the trusted hop to its right is the last we can vouch for.
  each_from_right(forwarded_for, [&](std::string_view entry) {
    auto a = parse_ip(entry);
    if (!a) return false;
    client = a->to_string();
    return proxies.contains(*a);
  });
  return client;
}

std::string client_address(const Request& request, std::string_view peer, const TrustedProxies& proxies) {
  std::string forwarded;
  auto range = request.equal_range("X-Forwarded-For");
  for (auto it = range.first; it != range.second; ++it) {
    if (!forwarded.empty()) forwarded += ',';
    forwarded.append(it->value().data(), it->value().size());
  }
  return client_address(peer, forwarded, proxies);
}

std::string throttle_bucket(std::string_view address) {
  const auto ip = parse_ip(address);
  if (!ip || !ip->is_v6() || ip->to_v6().is_v4_mapped()) return std::string(address);
  auto bytes = ip->to_v6().to_bytes();
  for (std::size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

}  // namespace ow::platform
