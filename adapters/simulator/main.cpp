// `onewindow-dept-sim`: runs the department simulator.
//   onewindow-dept-sim --platform URL --departments SCJG,GA,... [--port N] [--seed N] [--delay-ms N]
//                      [--approve-probability P] [--error-rate P] [--slow-ms N] [--manual CODE,...]
//                      [--callback-backoff-cap-ms N] [--callback-retry-hours H] [--hotline CODE]
//                      [--oidc-client ID --oidc-redirect URL]
// Each department's secret comes from OW_DEPT_SECRET_<CODE>, its API key from OW_DEPT_APIKEY_<CODE>, or
// either from the private file (mode 0600) its _FILE variant names (OW_DEPT_SECRET_<CODE>_FILE).
// With --hotline it also plays the 12345 hotline: its secret from OW_HOTLINE_SECRET, its API key from
// OW_HOTLINE_APIKEY (or their _FILE variants); POST /_hotline/tickets sends a signed ticket.
// With --oidc-client it also plays the identity provider applicants sign in with (identity_provider.hpp): the
// client's secret from OW_OIDC_CLIENT_SECRET (or its _FILE variant), its one redirect URL from --oidc-redirect.
// With OW_SMS_SECRET (or OW_SMS_SECRET_FILE) set it also plays the SMS gateway (sms_gateway_sim.hpp).
// Prints "listening on PORT" on stdout once ready.
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "adapters/secrets/secret_setting.hpp"
#include "adapters/simulator/simulator.hpp"

int main(int argc, char** argv) {
  ow::simulator::SimOptions o;
  unsigned short port = 0;
  std::string departments, hotline, oidc_client, oidc_redirect;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string a = argv[i];
      if (i + 1 >= argc) throw std::invalid_argument("missing value for " + a);
      const std::string v = argv[++i];
      if (a == "--platform")
        o.platform_url = v;
      else if (a == "--departments")
        departments = v;
      else if (a == "--port")
        port = static_cast<unsigned short>(std::stoi(v));
      else if (a == "--seed")
        o.seed = std::stoull(v);
      else if (a == "--delay-ms")
        o.decision_delay = std::chrono::milliseconds(std::stoll(v));
      else if (a == "--approve-probability")
        o.approve_probability = std::stod(v);
      else if (a == "--error-rate")
        o.error_rate = std::stod(v);
      else if (a == "--slow-ms")
        o.slow = std::chrono::milliseconds(std::stoll(v));
      else if (a == "--callback-backoff-cap-ms")
        o.callback_backoff_cap = std::chrono::milliseconds(std::stoll(v));
      else if (a == "--callback-retry-hours")
        o.callback_retry_for = std::chrono::milliseconds(static_cast<long long>(std::stod(v) * 3600000));
      else if (a == "--hotline")
        hotline = v;
      else if (a == "--oidc-client")
        oidc_client = v;
      else if (a == "--oidc-redirect")
        oidc_redirect = v;
      else if (a == "--manual") {
        std::stringstream codes(v);
        for (std::string c; std::getline(codes, c, ',');) o.manual.insert(c);
      } else
        throw std::invalid_argument("unknown option " + a);
    }
    if (o.platform_url.empty() || departments.empty())
      throw std::invalid_argument("--platform and --departments are required");
    std::stringstream list(departments);
    for (std::string code; std::getline(list, code, ',');) {
      auto secret = ow::adapters::secret_from_env("OW_DEPT_SECRET_" + code, ::getenv);
      auto key = ow::adapters::secret_from_env("OW_DEPT_APIKEY_" + code, ::getenv);
      if (!secret || !key)
        throw std::invalid_argument("set OW_DEPT_SECRET_" + code + " and OW_DEPT_APIKEY_" + code +
                                    " (or their _FILE variants)");
      o.departments.push_back({code, *secret, *key});
    }
    if (!hotline.empty()) {
      auto secret = ow::adapters::secret_from_env("OW_HOTLINE_SECRET", ::getenv);
      auto key = ow::adapters::secret_from_env("OW_HOTLINE_APIKEY", ::getenv);
      if (!secret || !key)
        throw std::invalid_argument(
            "--hotline needs OW_HOTLINE_SECRET and OW_HOTLINE_APIKEY (or their _FILE variants)");
      o.hotline = ow::simulator::HotlineIdentity{hotline, *secret, *key};
    }
    if (!oidc_client.empty()) {
      auto secret = ow::adapters::secret_from_env("OW_OIDC_CLIENT_SECRET", ::getenv);
      if (!secret || oidc_redirect.empty())
        throw std::invalid_argument(
            "--oidc-client needs --oidc-redirect and OW_OIDC_CLIENT_SECRET (or its _FILE variant)");
      o.oidc = ow::simulator::OidcClient{oidc_client, *secret, oidc_redirect};
    }
    if (auto sms = ow::adapters::secret_from_env("OW_SMS_SECRET", ::getenv)) o.sms_secret = *sms;
  } catch (const std::exception& e) {
    std::cerr << "onewindow-dept-sim: " << e.what() << "\n";
    return 2;
  }
  ow::simulator::Simulator sim(o);
  const auto bound = sim.listen(port);
  std::cout << "listening on " << bound << std::endl;
  sim.serve();
}
