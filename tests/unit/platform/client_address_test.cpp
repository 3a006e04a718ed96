// The client address behind reverse proxies: X-Forwarded-For is believed only from trusted peers, and only
// up to the first hop that is not itself a trusted proxy.
#include <gtest/gtest.h>

#include "services/platform/client_address.hpp"

using ow::platform::client_address;
using ow::platform::parse_ip;
using ow::platform::TrustedProxies;

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClient) {
  const TrustedProxies none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.9", none), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "", none), "10.0.0.5");
}

TEST(ClientAddress, AnUntrustedPeerCannotNameAnotherAddress) {
  const auto proxies = TrustedProxies::parse("10.0.0.0/8");
  EXPECT_EQ(client_address("198.51.100.7", "203.0.113.9", proxies), "198.51.100.7");
}

TEST(ClientAddress, BehindATrustedProxyTheRightMostUntrustedHopIsTheClient) {
  const auto proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.7.1");
  // The load balancer (10.0.0.2) appended the address it saw; the client wrote the left-most itself.
  EXPECT_EQ(client_address("10.0.0.2", "1.2.3.4, 203.0.113.9", proxies), "203.0.113.9");
  // Two trusted hops: the nginx at 192.168.7.1 and the balancer at 10.0.0.2.
  EXPECT_EQ(client_address("10.0.0.2", "1.2.3.4, 203.0.113.9, 192.168.7.1", proxies), "203.0.113.9");
  // Every hop trusted: the left-most is the furthest we know.
  EXPECT_EQ(client_address("10.0.0.2", "10.9.9.9, 192.168.7.1", proxies), "10.9.9.9");
  // No header: the proxy itself.
  EXPECT_EQ(client_address("10.0.0.2", "", proxies), "10.0.0.2");
}

TEST(ClientAddress, GarbageEndsTheWalkAtTheLastTrustedHop) {
  const auto proxies = TrustedProxies::parse("10.0.0.0/8");
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9, not-an-ip", proxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9, not-an-ip, 10.1.1.1", proxies), "10.1.1.1");
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9,,", proxies), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "unknown", proxies), "10.0.0.2");
}

TEST(ClientAddress, PortsBracketsAndMappedAddressesAreCanonical) {
  const auto proxies = TrustedProxies::parse("10.0.0.2,::1");
  EXPECT_EQ(client_address("::ffff:10.0.0.2", "203.0.113.9:51234", proxies), "203.0.113.9");
  EXPECT_EQ(client_address("::1", "[2001:DB8::7]:443", proxies), "2001:db8::7");
  EXPECT_EQ(client_address("::1", "2001:db8:0:0::7", proxies), "2001:db8::7");
  EXPECT_EQ(client_address("::ffff:198.51.100.1", "", proxies), "198.51.100.1");
  EXPECT_FALSE(parse_ip("1.2.3.4:5:6"));
  EXPECT_FALSE(parse_ip("[1.2.3.4]"));
  EXPECT_FALSE(parse_ip("1.2.3.4/8"));
  EXPECT_FALSE(parse_ip(std::string(100, '1')));
}

TEST(ClientAddress, NetworksMatchByPrefix) {
  const auto p = TrustedProxies::parse(" 172.16.0.0/12 ,fd00::/8, 192.0.2.128/25, 0.0.0.0/0 ");
  auto ip = [](const char* text) { return *parse_ip(text); };
  EXPECT_TRUE(p.contains(ip("172.31.255.255")));
  EXPECT_TRUE(p.contains(ip("fdab::1")));
  EXPECT_FALSE(p.contains(ip("fe80::1")));
  EXPECT_TRUE(p.contains(ip("8.8.8.8")));  // 0.0.0.0/0 trusts every IPv4 peer
  const auto q = TrustedProxies::parse("192.0.2.128/25,2001:db8::/127");
  EXPECT_TRUE(q.contains(ip("192.0.2.200")));
  EXPECT_FALSE(q.contains(ip("192.0.2.127")));
  EXPECT_TRUE(q.contains(ip("2001:db8::1")));
  EXPECT_FALSE(q.contains(ip("2001:db8::2")));
  EXPECT_FALSE(q.contains(ip("::ffff:192.0.2.1")));
  EXPECT_TRUE(q.contains(ip("::ffff:192.0.2.129")));
}

TEST(ClientAddress, BadProxyListsAreRefusedWithTheEntry) {
  EXPECT_TRUE(TrustedProxies::parse("").empty());
  EXPECT_TRUE(TrustedProxies::parse(" , ").empty());
  for (const char* bad :
       {"10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "nginx", "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.1:80"}) {
    try {
      TrustedProxies::parse(std::string("127.0.0.1,") + bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(ClientAddress, ThrottleBucketsAnIpv6ClientByItsSlash64) {
  EXPECT_EQ(ow::platform::throttle_bucket("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(ow::platform::throttle_bucket("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(ow::platform::throttle_bucket("2001:db8:1:2:ffff:1:2:3"), ow::platform::throttle_bucket("2001:db8:1:2::9"));
  EXPECT_NE(ow::platform::throttle_bucket("2001:db8:1:2::1"), ow::platform::throttle_bucket("2001:db8:1:3::1"));
  EXPECT_EQ(ow::platform::throttle_bucket("not an address"), "not an address");
}
