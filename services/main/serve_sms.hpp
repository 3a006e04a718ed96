// `onewindow serve`'s SMS part: with sms.url set, checks the templates and the secret at start, installs the
// notice settings (every role that writes decisions queues SMS) and, in the dispatcher role, runs the sender.
#pragma once

#include <memory>

#include "adapters/sms/sms_gateway.hpp"
#include "services/catalog/catalog_service.hpp"
#include "services/dispatcher/sms_sender.hpp"
#include "services/platform/config.hpp"
#include "services/platform/metrics.hpp"
#include "services/store/pg_pool.hpp"

namespace ow::cli {

struct SmsRunning {
  std::unique_ptr<adapters::SmsGateway> gateway;
  std::unique_ptr<dispatcher::SmsSender> sender;
  void stop() {
    if (sender) sender->stop();
  }
};

// Throws platform::ConfigError for a bad template or sms.url without sms.secret.
SmsRunning start_sms(const platform::Config& config, store::PgPool& pool, catalog_service::CatalogService& catalog,
                     platform::Metrics& metrics, bool dispatcher_role);

}  // namespace ow::cli
