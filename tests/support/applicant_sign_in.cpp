// The browser's hops of an applicant's sign-in, with the test HTTP client.
#include "tests/support/applicant_sign_in.hpp"

namespace ow::testing {

std::string target_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

ApplicantSignIn sign_in_applicant(int platform_port, int provider_port, const std::string& person, bool kiosk) {
  ApplicantSignIn s;
  s.login = http_request(platform_port, "GET", kiosk ? "/api/v1/applicant/login?kiosk=1" : "/api/v1/applicant/login");
  if (s.login.status != 302) return s;
  s.authorization_url = s.login.headers["location"];
  s.page = http_request(provider_port, "GET", target_of(s.authorization_url));
  const std::string marker = "data-person='" + person + "' href='";
  const auto at = s.page.body.find(marker);
  if (at == std::string::npos) return s;
  std::string href = s.page.body.substr(at + marker.size());
  href = href.substr(0, href.find('\''));
  for (auto amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;")) href.replace(amp, 5, "&");
  s.choice = http_request(provider_port, "GET", href);
  if (s.choice.status != 302) return s;
  s.callback_target = target_of(s.choice.headers["location"]);
  s.callback = http_request(platform_port, "GET", s.callback_target);
  const std::string set = s.callback.headers["set-cookie"];
  s.cookie = set.substr(0, set.find(';'));
  return s;
}

}  // namespace ow::testing
