// Loading configuration: defaults table, YAML file, environment overrides (secret settings also from files).
#include "services/platform/config.hpp"

#include "adapters/secrets/secret_setting.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>

#ifndef OW_SOURCE_DIR
#define OW_SOURCE_DIR "."
#endif

namespace ow::platform {
namespace {

const std::vector<SettingInfo> kSettings = {
    {"http.address", "127.0.0.1", "address the HTTP server binds (0.0.0.0 behind a load balancer)"},
    {"http.port", "8080", "HTTP port; 0 picks a free one (printed at start)"},
    {"http.body_limit_bytes", "1048576", "largest request body; larger ones get 413"},
    {"files.max_file_bytes", "20971520", "largest material file (a scan or photo); larger ones get 413"},
    {"files.max_case_bytes", "104857600", "most bytes of material files one case may hold; beyond that 413"},
    {"files.link_ttl_seconds", "86400",
     "how long a material link in a department push stays valid (the department fetches the file with its key)"},
    {"archive.dir", "var/archive", "the archive store: one package (manifest and files) per archived case"},
    {"archive.interval_seconds", "60", "how often the timekeeper archives concluded cases"},
    {"archive.after_seconds", "3600", "how long after its conclusion a case is archived (moves to Archived)"},
    {"clamav.enabled", "false", "scan uploaded material files with ClamAV's clamd (ops/run starts it when on)"},
    {"clamav.socket", "/run/clamav/clamd.ctl", "clamd's Unix socket"},
    {"clamav.timeout_ms", "10000", "longest wait for clamd in one socket operation; then the upload gets 503"},
    {"http.read_timeout_seconds", "10", "time allowed to send a request's header and body"},
    {"http.idle_timeout_seconds", "60", "how long an idle keep-alive connection is kept"},
    {"http.max_connections", "1024", "most open client connections; beyond that a new one gets 503 and is closed"},
    {"http.shutdown_grace_seconds", "20", "on SIGTERM/SIGINT, how long in-flight requests may take to finish"},
    {"http.trusted_proxies", "",
     "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For names the client (empty: none)"},
    {"workers.threads", "0",
     "worker threads that run handlers (database, Redis, password hashing) off the event loop (0: twice the CPU "
     "cores, at least 4, at most 16)"},
    {"db.url", "postgresql://ow@127.0.0.1:5432/onewindow", "PostgreSQL connection URL (libpq syntax)"},
    {"db.pool_size", "0",
     "most PostgreSQL connections the process holds (0: twice the CPU cores, at least 4, at most 16)"},
    {"db.acquire_timeout_ms", "2000", "how long a request waits for a pooled connection before 503"},
    {"db.connect_timeout_seconds", "3", "libpq connect timeout"},
    {"db.reports_url", "",
     "read-only reports (KPIs, weekly report) from this PostgreSQL, e.g. a streaming replica "
     "(target_session_attrs=prefer-standby); empty: the primary"},
    {"redis.host", "127.0.0.1", "Redis host"},
    {"redis.port", "6379", "Redis port"},
    {"redis.sentinels", "", "Redis Sentinels as host:port,host:port (empty: redis.host/redis.port, no Sentinel)"},
    {"redis.master_name", "onewindow", "The master's name the Sentinels monitor (with redis.sentinels)"},
    {"redis.timeout_ms", "500", "Redis connect and command timeout"},
    {"redis.password", "", "Redis's requirepass (empty: none); secret: give it as a 0600 file, OW_REDIS_PASSWORD_FILE"},
    {"auth.session_ttl_minutes", "720", "lifetime of a login session's bearer token"},
    {"auth.login_max_failures_per_account", "5",
     "failed logins of one account from one client address within the window before 429; also the account's total that blocks addresses with failures on it"},
    {"auth.login_max_failures_per_address", "20",
     "failed logins per client address, any accounts, within the window before 429"},
    {"auth.login_window_seconds", "900", "the login rate-limit window (sliding)"},
    {"auth.login_throttle_prefix",
     "ow:login:", "Redis key prefix of the login throttle (deployments sharing one Redis need different ones)"},
    {"public.base_url", "",
     "where applicants reach the platform, e.g. https://zwfw.example.gov.cn (the receipt's QR link); empty: a relative link"},
    {"public.lookup_max_misses_per_case", "5",
     "wrong query codes for one case number within the window before it is locked (429)"},
    {"public.lookup_max_misses_per_address", "20",
     "wrong query codes or unknown numbers from one client address within the window before 429"},
    {"public.lookup_window_seconds", "900",
     "the public lookup's miss window; a lock lasts a whole window from the miss that set it"},
    {"backoffice.extension_allowance_days", "10", "working days by which extensions (延长) of one case may add up"},
    {"calendar.dir", "config/calendar", "directory whose *.csv holiday files are loaded"},
    {"calendar.office_hours", "09:00-12:00,13:30-17:30", "office hours of a working day (China Standard Time)"},
    {"calendar.weekday_fallback", "false", "outside the loaded years, treat Mon–Fri as working days (logs a warning)"},
    {"calendar.refresh_seconds", "30", "how often an instance looks for a holiday file uploaded through another one"},
    {"catalog.dir", "config/catalog", "directory whose *.yaml files make the service catalog (onewindow catalog load)"},
    {"departments.file", "config/departments.yaml",
     "how push departments are reached: URLs, secret variables, timeouts, retries"},
    {"console.dir", "services/console/dist",
     "the web console's built files, served at / (nothing is served when absent)"},
    {"dispatcher.ca_file", "", "extra PEM CA bundle trusted for https department URLs (empty: the system's CAs only)"},
    {"dispatcher.workers", "8",
     "pushes in flight at once across all departments; each department with work gets a fair share of them"},
    {"dispatcher.lease_seconds", "10",
     "how long a claimed outbox row is reserved before another dispatcher may take it (renewed every third of it "
     "while its push is in flight)"},
    {"dispatcher.poll_seconds", "5", "fallback poll of the outbox when no NOTIFY arrives"},
    {"elicense.url", "",
     "base URL of the e-license library (GET /elicenses, GET /elicenses/document); empty: the in-process demo registry"},
    {"elicense.timeout_ms", "1500", "how long intake waits for the e-license library before the clerk checks paper"},
    {"elicense.cache_seconds", "300", "how long e-license answers are cached in Redis"},
    {"elicense.document_retry_seconds", "300",
     "how often the timekeeper role asks the library again for e-licence documents it did not give at intake"},
    {"credit.url", "",
     "base URL of the credit service (POST /credit-checks, /credit-entries); empty: the in-process demo registry"},
    {"credit.timeout_ms", "1500", "how long the credit check waits before the clerk is told 信用核查暂不可用"},
    {"sms.url", "", "the SMS gateway's URL (signed POSTs of Chinese notices to applicants); empty: no SMS"},
    {"sms.secret", "", "the SMS gateway's HMAC signing secret; give it as a 0600 file, OW_SMS_SECRET_FILE"},
    {"sms.timeout_ms", "3000", "how long one call to the SMS gateway may take (connect and answer each)"},
    {"sms.retry_minutes", "1440", "how long a message the gateway does not take is retried before it is marked failed"},
    {"sms.poll_ms", "1000", "how often the dispatcher role looks for SMS notices due"},
    {"sms.signature", "政务服务", "the sender's name shown as 【…】 before every SMS"},
    {"sms.template_accepted",
     "您申请的{bundle}已于{date}受理，办件编号{case_number}，承诺{due_date}前办结。可凭受理回执上的办件编号和查询码查询办理进度。",
     "SMS at acceptance (受理); placeholders: case_number, bundle, date, due_date, materials, hall, delivery"},
    {"sms.template_supplement",
     "您申请的{bundle}（办件编号{case_number}）需补正以下材料：{materials}。请一次性补齐后在网上提交或送至{hall}，补正期间不计入办理时限。",
     "SMS at a supplement request (补正), naming the materials"},
    {"sms.template_result_ready",
     "您申请的{bundle}（办件编号{case_number}）已办结，结果可领取。请在工作时间携带本人身份证件到{hall}领取，或按您选择的方式送达。",
     "SMS when the result is ready (办结可领取)"},
    {"sms.template_delivered", "您申请的{bundle}（办件编号{case_number}）的办理结果已于{date}{delivery}。",
     "SMS when the result is sent by post or electronically ({delivery}: how, with the tracking number)"},
    {"sms.template_followup",
     "您办理的{bundle}（办件编号{case_number}）将接受回访，工作人员将于{date}前致电您了解办理情况，请留意接听。",
     "SMS before a follow-up call (回访); {date}: by when the call comes"},
    {"hotline.code", "12345",
     "the code the 12345 hotline's API key is issued for (onewindow apikey add 12345); its tickets come signed"},
    {"hotline.secret", "",
     "the 12345 hotline's HMAC signing secret (empty: tickets are refused); give it as a 0600 file, OW_HOTLINE_SECRET_FILE"},
    {"hotline.handling_limit", "3wd", "how long a 12345 ticket may wait for its answer (3wd: 3 working days)"},
    {"oidc.issuer", "",
     "the identity provider applicants sign in with (OpenID Connect issuer URL; its discovery document is read); "
     "empty: applicant sign-in is off"},
    {"oidc.client_id", "onewindow", "the platform's client id at the identity provider"},
    {"oidc.client_secret", "",
     "the platform's client secret at the identity provider; give it as a 0600 file, OW_OIDC_CLIENT_SECRET_FILE"},
    {"oidc.redirect_url", "",
     "the callback registered at the provider, e.g. https://zwfw.example.gov.cn/api/v1/applicant/callback"},
    {"oidc.timeout_ms", "3000", "how long a call to the identity provider (discovery, keys, token) may take"},
    {"oidc.state_seconds", "600", "how long a started sign-in (state, nonce, PKCE verifier in Redis) may take"},
    {"applicant.session_minutes", "60", "lifetime of an applicant's session (its cookie)"},
    {"applicant.kiosk_session_minutes", "10", "lifetime of a sign-in at a self-service kiosk"},
    {"applicant.region_code", "330106",
     "the region whose halls pre-review applicants' own submissions (online, app, kiosk)"},
    {"test.time_control", "false",
     "test mode only: POST /api/v1/test/clock {\"offset_seconds\"} moves the platform's clock"},
    {"alerts.poll_ms", "1000", "the live alert feed reads new alerts at least this often (Redis only makes it sooner)"},
    {"timekeeper.interval_ms", "5000", "how often the timekeeper looks for clocks past a warning or due instant"},
    {"timekeeper.clock_tolerance_seconds", "60",
     "a step of the database's clock larger than this (against a steady clock) is held, not followed"},
    {"timekeeper.clock_confirm_seconds", "900", "a held clock step that lasts this long is taken as the new time"},
    {"migrations.dir", "sql", "directory of numbered SQL migrations"},
    {"keys.personal_data_file", "var/personal-data.keys",
     "the personal-data key file (0600; `onewindow keys init` creates it): sealing keys and the blind-index key"},
    {"keys.seal_personal_data", "true",
     "false only to measure what sealing costs (tests/bench): personal data is then stored in plain"},
    {"idempotency.retention_hours", "72", "how long an Idempotency-Key's answer is kept for replays"},
    {"retention.personal_data_days", "1095",
     "how long after a case ended its applicant's name, ID number and phone are kept (and until it is archived)"},
    {"retention.interval_seconds", "600", "how often the timekeeper runs the retention pass and the audit anchor"},
    {"serve.roles", "all", "roles this process runs: all, or a comma list of api,dispatcher,timekeeper"},
    {"log.level", "info", "debug, info, warn or error"},
    {"security.refuse_root", "true",
     "`onewindow serve` refuses to run as root (uid 0); false only for tests that must"},
};

// Settings that may hold a secret: each may instead be given as a file, OW_…_FILE (mode 0600 or stricter).
const std::vector<std::string> kSecretSettings = {"db.url",         "db.reports_url",     "redis.password",
                                                  "hotline.secret", "oidc.client_secret", "sms.secret"};

void flatten(const YAML::Node& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (node.IsMap()) {
    for (const auto& kv : node)
      flatten(kv.second, prefix.empty() ? kv.first.as<std::string>() : prefix + "." + kv.first.as<std::string>(), out);
  } else if (node.IsScalar()) {
    out[prefix] = node.as<std::string>();
  } else if (node.IsNull()) {
    out[prefix] = "";
  } else {
    throw ConfigError("setting '" + prefix + "' must be a single value");
  }
}

bool known(const std::string& key) {
  return std::any_of(kSettings.begin(), kSettings.end(), [&](const SettingInfo& s) { return key == s.key; });
}

std::filesystem::path find_file(const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (const char* env = std::getenv("OW_CONFIG"); env && *env) return env;
  if (std::filesystem::exists("config/onewindow.yaml")) return std::filesystem::absolute("config/onewindow.yaml");
  std::filesystem::path built_in = std::filesystem::path(OW_SOURCE_DIR) / "config" / "onewindow.yaml";
  if (std::filesystem::exists(built_in)) return built_in;
  return {};
}

}  // namespace

const std::vector<SettingInfo>& all_settings() { return kSettings; }

std::string env_name(const std::string& key) {
  std::string out = "OW_";
  for (char c : key) out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Config::Config(std::filesystem::path home) : home_(std::move(home)), source_("defaults") {
  for (const auto& s : kSettings) values_[s.key] = s.default_value;
}

Config Config::load(const std::string& explicit_path) {
  const auto file = find_file(explicit_path);
  // The file lives in <home>/config/; without one, the source tree is home.
  Config config(file.empty() ? std::filesystem::path(OW_SOURCE_DIR)
                             : std::filesystem::absolute(file).parent_path().parent_path());
  if (!file.empty()) {
    if (!std::filesystem::exists(file)) throw ConfigError("config file not found: " + file.string());
    std::map<std::string, std::string> values;
    try {
      YAML::Node root = YAML::LoadFile(file.string());
      if (!root.IsNull()) flatten(root, "", values);
    } catch (const YAML::Exception& e) {
      throw ConfigError(file.string() + ": " + e.what());
    }
    for (const auto& [k, v] : values) {
      if (!known(k)) throw ConfigError(file.string() + ": unknown setting '" + k + "'");
      config.values_[k] = v;
    }
    config.source_ = file.string();
  }
  for (const auto& s : kSettings)
    if (const char* env = std::getenv(env_name(s.key).c_str())) config.values_[s.key] = env;
  for (const auto& key : kSecretSettings) {
    try {
      if (auto secret = adapters::secret_from_env(env_name(key), ::getenv)) config.values_[key] = std::move(*secret);
    } catch (const adapters::SecretError& e) {
      throw ConfigError(e.what());
    }
  }
  for (const auto& s : kSettings) {
    // Validate numbers and flags once, at start-up.
    std::string d = s.default_value;
    bool numeric = !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (numeric) config.integer(s.key);
    if (d == "true" || d == "false") config.flag(s.key);
  }
  return config;
}

std::string Config::text(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw ConfigError("unknown setting '" + key + "'");
  return it->second;
}

std::int64_t Config::integer(const std::string& key) const {
  const std::string v = text(key);
  try {
    std::size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used != v.size() || n < 0) throw std::invalid_argument(v);
    return n;
  } catch (const std::exception&) {
    throw ConfigError("setting '" + key + "' (" + env_name(key) + ") must be a whole number ≥ 0, not '" + v + "'");
  }
}

bool Config::flag(const std::string& key) const {
  const std::string v = text(key);
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  throw ConfigError("setting '" + key + "' (" + env_name(key) + ") must be true or false, not '" + v + "'");
}

std::filesystem::path Config::path(const std::string& key) const {
  std::filesystem::path p = text(key);
  return p.is_absolute() ? p : home_ / p;
}

void Config::set(const std::string& key, const std::string& value) {
  if (!known(key)) throw ConfigError("unknown setting '" + key + "'");
  values_[key] = value;
}

}  // namespace ow::platform
