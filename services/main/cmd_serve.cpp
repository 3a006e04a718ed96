// `onewindow serve`: wires configuration, calendar, storage, auth and routes into the HTTP server and runs
// until SIGTERM/SIGINT, then drains and exits 0.
#include <algorithm>
#include <boost/asio/thread_pool.hpp>
#include <iostream>
#include <memory>
#include <stop_token>
#include <thread>

#include <unistd.h>
#include <filesystem>
#include "adapters/credit/credit_lookup.hpp"
#include "adapters/credit/http_credit_lookup.hpp"
#include "adapters/department/department_endpoints.hpp"
#include "adapters/elicense/elicense_lookup.hpp"
#include "adapters/elicense/http_elicense_lookup.hpp"
#include "services/acceptance/acceptance_routes.hpp"
#include "services/acceptance/applicant_routes.hpp"
#include "services/acceptance/calendar_routes.hpp"
#include "services/acceptance/credit_routes.hpp"
#include "services/acceptance/elicense_cache.hpp"
#include "services/acceptance/elicense_routes.hpp"
#include "services/acceptance/licence_document_retry.hpp"
#include "services/acceptance/pii_access_routes.hpp"
#include "services/acceptance/sms_routes.hpp"
#include "services/admin/admin_routes.hpp"
#include "services/admin/calendar_poller.hpp"
#include "services/archive/archiver.hpp"
#include "services/backoffice/backoffice_routes.hpp"
#include "services/backoffice/verification_routes.hpp"
#include "services/casework/retention.hpp"
#include "services/catalog/catalog_routes.hpp"
#include "services/dispatcher/department_routes.hpp"
#include "services/dispatcher/dispatcher.hpp"
#include "services/files/department_files.hpp"
#include "services/files/licence_document_files.hpp"
#include "services/files/material_file_routes.hpp"
#include "services/main/args.hpp"
#include "services/main/commands.hpp"
#include "services/main/serve_sms.hpp"
#include "services/platform/api.hpp"
#include "services/platform/applicant_session_routes.hpp"
#include "services/platform/auth_service.hpp"
#include "services/platform/calendar_files.hpp"
#include "services/platform/config.hpp"
#include "services/platform/credentials.hpp"
#include "services/platform/http_server.hpp"
#include "services/platform/log.hpp"
#include "services/platform/openapi_route.hpp"
#include "services/platform/password_policy.hpp"
#include "services/platform/platform_routes.hpp"
#include "services/platform/repeating_job.hpp"
#include "services/platform/test_clock_route.hpp"
#include "services/platform/test_route_table.hpp"
#include "services/store/attempt_limiter.hpp"
#include "services/store/migrator.hpp"
#include "services/store/pg_pool.hpp"
#include "services/store/query_code_store.hpp"
#include "services/store/redis_client.hpp"
#include "services/store/sealed_rows_store.hpp"
#include "services/store/statements.hpp"
#include "services/store/vault.hpp"
#include "services/supervision/alert_feed.hpp"
#include "services/supervision/alert_routes.hpp"
#include "services/supervision/clock_recompute.hpp"
#include "services/supervision/hotline_routes.hpp"
#include "services/supervision/inspection_routes.hpp"
#include "services/supervision/kpi_routes.hpp"
#include "services/supervision/order_service.hpp"
#include "services/supervision/staff_evaluation_routes.hpp"
#include "services/supervision/survey_routes.hpp"
#include "services/supervision/timekeeper.hpp"
#include "services/supervision/timekeeper_clock.hpp"
#include "workflow/calendar/office_hours.hpp"
#include "workflow/calendar/working_time.hpp"

namespace ow::cli {
namespace {

using platform::log;
using platform::LogLevel;

// A worker or connection count as configured, or for 0 twice the CPU cores, at least 4 and at most 16: more
// concurrent transactions than that only queue for the cores (on 2 cores, 4 workers and 4 connections took
// intake's p99 at half the maximum rate from 15–19 ms to 8–10 ms, and its maximum did not drop:
// BENCHMARKS.md); the cap keeps a big host's instances within PostgreSQL's max_connections (the core count is
// the host's, not a container's share).
std::size_t per_core(std::int64_t configured) {
  if (configured > 0) return static_cast<std::size_t>(configured);
  return std::clamp<std::size_t>(2 * std::max(1u, std::thread::hardware_concurrency()), 4, 16);
}

std::set<std::string> parse_roles(const std::string& text) {
  std::set<std::string> roles;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto comma = text.find(',', pos);
    std::string r = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (r == "all")
      roles.insert({"api", "dispatcher", "timekeeper"});
    else if (r == "api" || r == "dispatcher" || r == "timekeeper")
      roles.insert(r);
    else
      throw UsageError("unknown role '" + r + "' (all, api, dispatcher, timekeeper)");
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return roles;
}

// redis.sentinels set: the master named redis.master_name, asked of those Sentinels; else redis.host:port.
store::RedisLocator redis_locator(const platform::Config& config) {
  const std::string sentinels = config.text("redis.sentinels");
  if (sentinels.empty()) return {config.text("redis.host"), static_cast<int>(config.integer("redis.port"))};
  try {
    auto list = store::parse_redis_addresses(sentinels);
    if (list.empty()) throw std::invalid_argument("no address");
    return {std::move(list), config.text("redis.master_name"),
            std::chrono::milliseconds(config.integer("redis.timeout_ms"))};
  } catch (const std::invalid_argument& e) {
    throw platform::ConfigError(std::string("redis.sentinels: ") + e.what());
  }
}

// The schema must be exactly what this binary's migrations describe before anything is served.
void require_current_schema(const platform::Config& config) {
  store::Migrator migrator(config.text("db.url"), store::read_migrations(config.path("migrations.dir")));
  auto status = migrator.status();
  if (!status.pending.empty())
    throw std::runtime_error(std::to_string(status.pending.size()) + " migration(s) pending, first " +
                             status.pending.front().name + ": run `onewindow migrate` first");
}

}  // namespace

int serve(const std::vector<std::string>& words, const std::string& config_path) {
  Args a(words, {"roles", "port"}, {});
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional()[0] + "'");
  auto config = platform::Config::load(config_path);
  if ((::getuid() == 0 || ::geteuid() == 0) && config.flag("security.refuse_root"))
    throw std::runtime_error(
        "refusing to run as root: start it as an unprivileged user (ops/run uses `onewindow`), "
        "or set security.refuse_root=false (OW_SECURITY_REFUSE_ROOT) in a test sandbox");
  if (auto p = a.get("port")) config.set("http.port", *p);
  if (auto r = a.get("roles")) config.set("serve.roles", *r);
  platform::set_log_level(platform::parse_log_level(config.text("log.level")));
  const auto roles = parse_roles(config.text("serve.roles"));
  platform::init_credentials();
  // Department secrets first (from the environment or private files): a bad secret file stops the start at once.
  std::vector<std::string> unreachable;
  auto endpoints = adapters::load_department_endpoints(config.path("departments.file"), ::getenv, &unreachable);
  for (const auto& why : unreachable)
    log(LogLevel::warn, "push department not reachable; its tasks wait in the outbox", {{"why", why}});
  platform::TrustedProxies proxies;
  try {
    proxies = platform::TrustedProxies::parse(config.text("http.trusted_proxies"));
  } catch (const std::invalid_argument& e) {
    throw platform::ConfigError(std::string("http.trusted_proxies: ") + e.what());
  }

  auto calendar = platform::load_calendar(config.path("calendar.dir"), config.flag("calendar.weekday_fallback"));
  log(LogLevel::info, "calendar loaded",
      {{"years", std::to_string(calendar->first_year()) + "-" + std::to_string(calendar->last_year())}});

  try {
    require_current_schema(config);
  } catch (const store::DatabaseUnavailable& e) {
    throw std::runtime_error(std::string("cannot reach PostgreSQL at start-up: ") + e.what());
  }

  try {
    store::use_vault_file(config.path("keys.personal_data_file"), config.flag("keys.seal_personal_data"));
    if (!config.flag("keys.seal_personal_data"))
      log(LogLevel::warn, "personal data is stored UNSEALED (keys.seal_personal_data=false): for benchmarks only");
  } catch (const std::exception& e) {  // VaultError, or a file system error naming the path
    throw platform::ConfigError(std::string("personal-data keys: ") + e.what() +
                                " (create them with `onewindow keys init`)");
  }

  platform::Metrics metrics;
  const auto with_connect_timeout = [&config](const std::string& url) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") +
           "connect_timeout=" + std::to_string(config.integer("db.connect_timeout_seconds"));
  };
  store::PgPool pool(with_connect_timeout(config.text("db.url")), per_core(config.integer("db.pool_size")),
                     std::chrono::milliseconds(config.integer("db.acquire_timeout_ms")), store::all_statements());
  pool.prepare_now();  // prepares every named statement now: a bad one fails the boot
  {
    // The key file and the database must agree: a file older than the last rotation (a restored backup, the
    // wrong file) would seal with keys PostgreSQL refuses; sealing off is for an unrotated benchmark database.
    const int floor = pool.transact([](store::Tx& tx) {
      store::sealed_rows::check_key_fingerprints(tx, *store::vault());  // a wrong key file never starts
      return store::sealed_rows::key_floor(tx);
    });
    const int current = store::vault()->current_key();
    if (!config.flag("keys.seal_personal_data") && floor > 0)
      throw platform::ConfigError(
          "keys.seal_personal_data=false, but this database already holds sealed rows "
          "(key floor " +
          std::to_string(floor) + ")");
    if (config.flag("keys.seal_personal_data") && current < floor)
      throw platform::ConfigError("the key file's current key " + std::to_string(current) +
                                  " is older than the database's key floor " + std::to_string(floor) +
                                  ": is this the right key file (keys.personal_data_file)?");
  }
  // The rest of the pool's connections open in the background (the side connection too, where cases are
  // accepted): a burst right after the start finds them ready instead of waiting for each to open.
  std::jthread warming([&pool, side = roles.contains("api")](std::stop_token stop) { pool.warm(side, stop); });
  const store::RedisLocator redis_where = redis_locator(config);
  log(LogLevel::info, "Redis", {{"where", redis_where.describe()}});
  store::RedisClient redis(redis_where, std::chrono::milliseconds(config.integer("redis.timeout_ms")),
                           config.text("redis.password"));
  metrics.increment("ow_redis_errors_total", "Redis connection and command errors.", 0);
  redis.on_error([&metrics] { metrics.increment("ow_redis_errors_total", "Redis connection and command errors."); });
  metrics.gauge("ow_db_pool_in_use", "PostgreSQL connections lent out.",
                [&pool] { return double(pool.stats().in_use); });
  metrics.gauge("ow_db_pool_waiting", "Callers waiting for a PostgreSQL connection.",
                [&pool] { return double(pool.stats().waiting); });
  metrics.gauge("ow_db_pool_open", "PostgreSQL connections open.", [&pool] { return double(pool.stats().open); });
  if (!redis.ping())
    log(LogLevel::warn,
        "Redis does not answer at start-up; continuing (logins answer 503 and live fan-out waits until it does)");

  platform::LoginThrottle throttle(redis,
                                   {static_cast<int>(config.integer("auth.login_max_failures_per_account")),
                                    static_cast<int>(config.integer("auth.login_max_failures_per_address")),
                                    std::chrono::seconds(config.integer("auth.login_window_seconds"))},
                                   config.text("auth.login_throttle_prefix"));
  if (!platform::password_dictionary_available())
    log(LogLevel::error, "the cracklib dictionary is missing (install cracklib-runtime): password changes answer 503");
  platform::AuthService auth(pool, throttle, static_cast<int>(config.integer("auth.session_ttl_minutes")));

  const auto hours = calendar::OfficeHours::parse(config.text("calendar.office_hours"));
  catalog_service::CatalogService catalog(pool, config.path("catalog.dir"), hours.seconds_per_day() / 60);
  if (!catalog.current()) log(LogLevel::warn, "no catalog loaded yet: run `onewindow catalog load`");

  calendar::WorkingTime working_time(*calendar, hours);
  adapters::DemoELicenseRegistry demo_elicenses;
  std::unique_ptr<adapters::HttpELicenseLookup> http_elicenses;
  if (!config.text("elicense.url").empty())
    http_elicenses = std::make_unique<adapters::HttpELicenseLookup>(
        config.text("elicense.url"), std::chrono::milliseconds(config.integer("elicense.timeout_ms")));
  const adapters::ELicenseLookup& library =
      http_elicenses ? static_cast<const adapters::ELicenseLookup&>(*http_elicenses) : demo_elicenses;
  acceptance::CachedELicenseLookup elicenses(library, redis,
                                             std::chrono::seconds(config.integer("elicense.cache_seconds")));
  adapters::DemoCreditRegistry demo_credit;
  std::unique_ptr<adapters::HttpCreditLookup> http_credit;
  if (!config.text("credit.url").empty())
    http_credit = std::make_unique<adapters::HttpCreditLookup>(
        config.text("credit.url"), std::chrono::milliseconds(config.integer("credit.timeout_ms")));
  const adapters::CreditLookup& credit =
      http_credit ? static_cast<const adapters::CreditLookup&>(*http_credit) : demo_credit;
  // The platform's clock: the system clock, plus an offset that only the test-mode time control moves.
  static std::atomic<std::int64_t> time_offset{0};
  auto now = [] {
    return static_cast<calendar::Instant>(
               std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                   .count()) +
           time_offset.load();
  };
  // The admin's screens: accounts and keys, and new years' holiday files (uploads adopted at start, then polled).
  admin::AccountAdmin accounts(pool, [&catalog, &config](const std::string& code) {
    if (code == config.text("hotline.code")) return true;
    const auto current = catalog.current();
    if (!current)
      throw platform::problems::unavailable("catalog_not_loaded", "事项目录尚未加载", "load the catalog first", 30);
    return current->catalog.departments.contains(code);
  });
  const calendar::ClockMath clock_math(working_time);
  admin::CalendarAdmin calendar_admin(pool, config.path("calendar.dir"), config.flag("calendar.weekday_fallback"),
                                      *calendar, [&pool, &clock_math, now] {
                                        const auto r = supervision::recompute_clocks(pool, clock_math, now());
                                        return admin::Recomputed{r.cases, r.moved};
                                      });
  if (calendar_admin.refresh())
    log(LogLevel::info, "uploaded holiday files adopted",
        {{"years", std::to_string(calendar->first_year()) + "-" + std::to_string(calendar->last_year())}});
  const admin::CalendarPoller calendar_poller(
      calendar_admin, std::chrono::seconds(std::max<std::int64_t>(1, config.integer("calendar.refresh_seconds"))));
  // E-licence materials' documents are fetched from the library and kept as the materials' files.
  files::PgFileStorage file_storage;
  files::StoredLicenceDocuments licence_documents(file_storage, config.integer("files.max_file_bytes"));
  acceptance::IntakeService intake(pool, catalog, working_time, elicenses, now, config.text("public.base_url"), &credit,
                                   &licence_documents);
  // Applicants sign in through the identity provider (OpenID Connect) and apply on their own.
  platform::ApplicantSignIn applicant_sign_in(
      {{config.text("oidc.issuer"), config.text("oidc.client_id"), config.text("oidc.client_secret"),
        config.text("oidc.redirect_url"), std::chrono::milliseconds(config.integer("oidc.timeout_ms"))},
       static_cast<int>(config.integer("oidc.state_seconds")),
       static_cast<int>(config.integer("applicant.session_minutes")),
       static_cast<int>(config.integer("applicant.kiosk_session_minutes")),
       config.text("applicant.region_code")},
      pool, redis);
  acceptance::ApplicantDesk applicant_desk(intake, pool, catalog, now, config.text("applicant.region_code"),
                                           config.text("public.base_url"));
  const files::UploadLimits upload_limits{config.integer("files.max_file_bytes"),
                                          config.integer("files.max_case_bytes")};
  std::optional<files::ClamdSettings> clamd;
  if (config.flag("clamav.enabled"))
    clamd = files::ClamdSettings{config.text("clamav.socket"),
                                 std::chrono::milliseconds(config.integer("clamav.timeout_ms"))};
  files::MaterialFiles material_files(pool, file_storage, upload_limits, clamd);
  // Material links in department pushes: signed with a key derived from the personal-data key file, which every
  // instance shares (the links are checked wherever the department's fetch lands).
  const casework::FileLinkSigner file_links(
      store::vault()->blind("file_links", "onewindow material link signing key v1"),
      std::max<std::int64_t>(60, config.integer("files.link_ttl_seconds")));
  files::DepartmentFiles department_files(pool, file_storage, file_links, now);
  files::ApplicantUploads applicant_uploads(material_files, pool, catalog);
  store::AttemptLimiter lookup_misses(redis);
  casework::PublicGate public_gate(
      pool, lookup_misses,
      {static_cast<int>(std::max<std::int64_t>(1, config.integer("public.lookup_max_misses_per_case"))),
       static_cast<int>(std::max<std::int64_t>(1, config.integer("public.lookup_max_misses_per_address"))),
       std::chrono::seconds(std::max<std::int64_t>(1, config.integer("public.lookup_window_seconds"))),
       "ow:lookup:" + pool.transact([](store::Tx& tx) { return store::query_codes::database_name(tx); }) + ":"});
  backoffice::BackofficeService backoffice(pool, catalog, working_time, now,
                                           static_cast<int>(config.integer("backoffice.extension_allowance_days")));

  backoffice::VerificationDesk verification(pool, catalog, working_time, now, credit);  // 告知承诺核查

  dispatcher::DepartmentEvents department_events(pool, catalog, working_time, now, endpoints);
  department_events.sign_links_with(&file_links);

  // Read-only reports from a replica when one is named (setting db.reports_url); connected on first use.
  std::unique_ptr<store::PgPool> reports_pool;
  if (!config.text("db.reports_url").empty())
    reports_pool = std::make_unique<store::PgPool>(with_connect_timeout(config.text("db.reports_url")), 2,
                                                   std::chrono::milliseconds(config.integer("db.acquire_timeout_ms")),
                                                   store::all_statements());
  supervision::KpiService kpis(pool, catalog, working_time, now, reports_pool.get());
  supervision::SurveyService surveys(pool, catalog, working_time, now);
  supervision::HotlineSettings hotline_settings;
  hotline_settings.code = config.text("hotline.code");
  if (!config.text("hotline.secret").empty()) hotline_settings.secret = config.text("hotline.secret");
  try {
    hotline_settings.limit = calendar::parse_limit(config.text("hotline.handling_limit"));
  } catch (const std::exception& e) {
    throw platform::ConfigError(std::string("hotline.handling_limit: ") + e.what());
  }
  if (!hotline_settings.secret) log(LogLevel::warn, "no hotline.secret: 12345 tickets are refused until one is set");
  supervision::HotlineDesk hotline(pool, catalog, working_time, now, hotline_settings);
  supervision::InspectionDesk inspections(pool, catalog, now);

  platform::Router router;
  platform::add_openapi_route(router);
  platform::add_health_routes(router, {[&pool] { return pool.ping(); }, [&redis] { return redis.ping(); }}, metrics);
  if (roles.contains("api")) {
    platform::add_session_routes(router, auth);
    platform::add_user_routes(router, pool);
    catalog_service::add_catalog_routes(router, catalog);
    admin::add_admin_routes(router, accounts, calendar_admin, pool);
    acceptance::add_acceptance_routes(router, intake, public_gate);
    platform::add_applicant_session_routes(router, applicant_sign_in);
    acceptance::add_applicant_routes(router, applicant_desk);
    acceptance::add_calendar_routes(router, catalog, working_time, now);
    acceptance::add_pii_access_routes(router, pool);
    acceptance::add_sms_routes(router, pool);
    files::add_material_file_routes(router, material_files);
    files::add_applicant_file_routes(router, applicant_uploads);
    acceptance::add_elicense_routes(router, elicenses);
    acceptance::add_credit_routes(router, credit);
    backoffice::add_backoffice_routes(router, backoffice);
    backoffice::add_verification_routes(router, verification);
    dispatcher::add_department_routes(router, department_events);
    files::add_department_file_route(router, department_files);
    supervision::add_alert_routes(router, pool, now);
    supervision::add_kpi_routes(router, kpis, now, public_gate);
    supervision::add_survey_routes(router, surveys);
    supervision::add_order_routes(router, pool, working_time, now);
    supervision::add_hotline_routes(router, hotline);
    supervision::add_inspection_routes(router, inspections);
    supervision::add_staff_evaluation_routes(router, pool, catalog);
    if (config.flag("test.time_control")) {
      log(LogLevel::warn,
          "TEST MODE: POST /api/v1/test/clock moves the platform's clock; never enable this in production");
      platform::add_test_clock_route(router, time_offset);
      platform::add_test_route_table(router);
    }
  }
  std::unique_ptr<dispatcher::Dispatcher> dispatch;
  if (roles.contains("dispatcher")) {
    dispatcher::DispatcherOptions o;
    o.owner = "dispatcher@" + std::to_string(::getpid());
    o.workers = static_cast<int>(std::max<std::int64_t>(1, config.integer("dispatcher.workers")));
    o.lease_seconds = static_cast<int>(config.integer("dispatcher.lease_seconds"));
    o.fallback_poll_seconds = static_cast<double>(std::max<std::int64_t>(1, config.integer("dispatcher.poll_seconds")));
    o.ca_file = config.text("dispatcher.ca_file");
    o.redis = &redis;
    o.links = &file_links;
    dispatch = std::make_unique<dispatcher::Dispatcher>(pool, config.text("db.url"), catalog, working_time, now,
                                                        endpoints, metrics, o);
    dispatch->start();
  }
  SmsRunning sms = start_sms(config, pool, catalog, metrics, roles.contains("dispatcher"));
  std::unique_ptr<supervision::Timekeeper> timekeeper;
  archive::DirectoryArchiveStore archive_store(config.path("archive.dir"));
  std::unique_ptr<archive::Archiver> archiver;
  acceptance::LicenceDocumentRetry licence_retry(pool, intake.runner(), elicenses, licence_documents);
  std::unique_ptr<platform::RepeatingJob> licence_retry_job;
  if (roles.contains("timekeeper")) {
    // 电子归档: concluded cases get their package, then move to Archived (services/archive/archiver.hpp).
    archiver = std::make_unique<archive::Archiver>(pool, file_storage, archive_store, catalog, working_time, now,
                                                   std::max<std::int64_t>(0, config.integer("archive.after_seconds")));
    archiver->start(std::chrono::seconds(std::max<std::int64_t>(1, config.integer("archive.interval_seconds"))));
    // E-licence documents the library did not give at intake, asked for again (licence_document_retry.hpp).
    licence_retry_job = std::make_unique<platform::RepeatingJob>("e-licence document retry",
                                                                 [&licence_retry] { licence_retry.pass(); });
    licence_retry_job->start(
        std::chrono::seconds(std::max<std::int64_t>(1, config.integer("elicense.document_retry_seconds"))));
    timekeeper = std::make_unique<supervision::Timekeeper>(pool, &redis);
    timekeeper->count_in(metrics);
    const casework::RetentionRules rules{static_cast<int>(config.integer("idempotency.retention_hours")),
                                         static_cast<int>(config.integer("retention.personal_data_days"))};
    timekeeper->also_every(
        [&pool, rules, now] { casework::run_retention(pool, rules, now()); },
        std::chrono::seconds(std::max<std::int64_t>(1, config.integer("retention.interval_seconds"))));
    // Alerts are raised by the database's clock, guarded against jumps (RELIABILITY.md).
    timekeeper->start(supervision::guarded_database_clock(
                          pool, std::chrono::seconds(config.integer("timekeeper.clock_tolerance_seconds")),
                          std::chrono::seconds(config.integer("timekeeper.clock_confirm_seconds")),
                          [] { return time_offset.load(); }),
                      std::chrono::milliseconds(config.integer("timekeeper.interval_ms")));
  }

  platform::Api api(
      router, [&auth](const std::string& token, const std::string& key) { return auth.authenticate(token, key); },
      metrics);
  api.trust_proxies(proxies);
  api.authenticate_applicants(
      [&applicant_sign_in](const std::string& token) { return applicant_sign_in.authenticate(token); });
  platform::StaticFiles console(config.path("console.dir"));
  if (std::filesystem::is_directory(config.path("console.dir")))
    api.serve_files(&console);
  else
    log(LogLevel::info, "no web console build to serve", {{"dir", config.path("console.dir").string()}});
  boost::asio::thread_pool workers(per_core(config.integer("workers.threads")));
  platform::ServerOptions options;
  options.address = config.text("http.address");
  options.port = static_cast<unsigned short>(config.integer("http.port"));
  options.body_limit = static_cast<std::size_t>(config.integer("http.body_limit_bytes"));
  options.body_limit_for = [&upload_limits](const platform::Request& head) {
    return files::upload_body_limit(head, upload_limits);
  };
  options.widest_body_limit = static_cast<std::size_t>(upload_limits.max_file_bytes) + 1;
  options.read_timeout = std::chrono::seconds(config.integer("http.read_timeout_seconds"));
  options.idle_timeout = std::chrono::seconds(config.integer("http.idle_timeout_seconds"));
  options.shutdown_grace = std::chrono::seconds(config.integer("http.shutdown_grace_seconds"));
  options.max_connections = static_cast<std::size_t>(config.integer("http.max_connections"));
  supervision::AlertFeed alert_feed(pool, redis_where, config.text("redis.password"),
                                    std::chrono::milliseconds(config.integer("alerts.poll_ms")));
  if (roles.contains("api")) {
    alert_feed.start();
    options.events = &alert_feed.hub();
    metrics.gauge("ow_alert_streams_open", "Server-Sent Event streams of alerts open on this instance.",
                  [&alert_feed] { return static_cast<double>(alert_feed.hub().subscribers()); });
  }
  platform::HttpServer server(options, api, workers);
  const unsigned short port = server.listen();
  std::string role_list;
  for (const auto& r : roles) role_list += (role_list.empty() ? "" : ",") + r;
  log(LogLevel::info, "listening",
      {{"url", "http://" + options.address + ":" + std::to_string(port)},
       {"roles", role_list},
       {"config", config.source()}});
  server.run();
  if (dispatch) dispatch->stop();
  sms.stop();
  if (timekeeper) timekeeper->stop();
  if (archiver) archiver->stop();
  if (licence_retry_job) licence_retry_job->stop();
  alert_feed.stop();  // pushes in flight finish before the pool goes
  workers.join();
  warming.request_stop();  // a stop soon after the start: no more connections are opened
  warming.join();
  pool.close_idle();
  log(LogLevel::info, "stopped cleanly");
  return kOk;
}

}  // namespace ow::cli
