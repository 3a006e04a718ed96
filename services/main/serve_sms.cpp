// Wiring the SMS notices into `onewindow serve`.
#include "services/main/serve_sms.hpp"

#include <unistd.h>

#include "services/casework/sms_notices.hpp"
#include "services/platform/log.hpp"

namespace ow::cli {

SmsRunning start_sms(const platform::Config& config, store::PgPool& pool, catalog_service::CatalogService& catalog,
                     platform::Metrics& metrics, bool dispatcher_role) {
  auto settings = std::make_shared<casework::SmsNoticeSettings>();
  settings->signature = config.text("sms.signature");
  for (const auto& kind : casework::sms_kinds()) settings->templates[kind] = config.text("sms.template_" + kind);
  settings->catalog = &catalog;
  try {
    casework::check_sms_settings(*settings);  // a bad template stops the start, SMS on or off
  } catch (const std::invalid_argument& e) {
    throw platform::ConfigError(e.what());
  }
  SmsRunning running;
  const std::string url = config.text("sms.url");
  if (url.empty()) {
    casework::use_sms_notices(nullptr);
    return running;
  }
  if (config.text("sms.secret").empty())
    throw platform::ConfigError("sms.url is set but sms.secret is not (give it as a 0600 file, OW_SMS_SECRET_FILE)");
  casework::use_sms_notices(settings);
  if (!dispatcher_role) return running;
  running.gateway = std::make_unique<adapters::SmsGateway>(
      adapters::SmsGatewaySettings{url, config.text("sms.secret"),
                                   std::chrono::milliseconds(std::max<std::int64_t>(1, config.integer("sms.timeout_ms")))},
      [] { return static_cast<std::int64_t>(::time(nullptr)); });
  dispatcher::SmsSenderOptions o;
  o.owner = "sms@" + std::to_string(::getpid());
  o.poll = std::chrono::milliseconds(std::max<std::int64_t>(10, config.integer("sms.poll_ms")));
  o.retry_for = std::chrono::minutes(config.integer("sms.retry_minutes"));
  running.sender = std::make_unique<dispatcher::SmsSender>(pool, *running.gateway, metrics, o);
  running.sender->start();
  platform::log(platform::LogLevel::info, "SMS notices on", {{"gateway", url}});
  return running;
}

}  // namespace ow::cli
