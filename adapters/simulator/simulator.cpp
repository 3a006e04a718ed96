// The simulator's HTTP side (a thread per connection: it is a test tool, not a production server) and its
// callbacks to the platform.
#include "adapters/simulator/simulator.hpp"

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <thread>
#include <utility>

#include "adapters/department/signature.hpp"
#include "adapters/simulator/form_fields.hpp"

namespace ow::simulator {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
namespace json = boost::json;
using tcp = asio::ip::tcp;

struct Simulator::Acceptor {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string answer_json(const json::object& o) { return json::serialize(o); }

}  // namespace

std::chrono::milliseconds callback_delay(int attempt, std::chrono::milliseconds cap,
                                         std::chrono::milliseconds retry_after) {
  const int shift = std::clamp(attempt - 1, 0, 20);
  const auto backoff = std::min(cap, std::chrono::milliseconds(500LL << shift));
  return std::min(cap, std::max(backoff, retry_after));
}

bool callback_retryable(int status, bool has_retry_after) {
  return status == 0 || status >= 500 || status == 408 || status == 429 || (status == 409 && has_retry_after);
}

Simulator::Simulator(SimOptions options)
    : options_(std::move(options)),
      random_(options_.seed),
      acceptor_(std::make_shared<Acceptor>()),
      fetcher_(options_.platform_url) {
  if (options_.sms_secret) sms_ = std::make_unique<SmsGatewaySim>(*options_.sms_secret);
}

unsigned short Simulator::listen(unsigned short port) {
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  acceptor_->acceptor.open(ep.protocol());
  acceptor_->acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor_->acceptor.bind(ep);
  acceptor_->acceptor.listen();
  const auto bound = acceptor_->acceptor.local_endpoint().port();
  if (options_.oidc)
    idp_ = std::make_unique<IdentityProvider>("http://127.0.0.1:" + std::to_string(bound) + "/oidc", *options_.oidc);
  return bound;
}

void Simulator::serve() {
  for (;;) {
    tcp::socket socket(acceptor_->io);
    beast::error_code ec;
    acceptor_->acceptor.accept(socket, ec);
    if (ec) continue;
    std::thread([this, s = std::move(socket)]() mutable {
      beast::flat_buffer buffer;
      for (;;) {
        http::request<http::string_body> req;
        beast::error_code rec;
        http::read(s, buffer, req, rec);
        if (rec) return;
        std::map<std::string, std::string> headers;
        for (const auto& f : req) headers[std::string(f.name_string())] = std::string(f.value());
        Answer a = handle(std::string(req.method_string()), std::string(req.target()), headers, req.body());
        if (a.status == 0) return;  // "down": drop the connection without an answer
        http::response<http::string_body> res{static_cast<http::status>(a.status), 11};
        res.set(http::field::content_type, a.content_type);
        if (!a.location.empty()) res.set(http::field::location, a.location);
        res.keep_alive(req.keep_alive());
        res.body() = a.body;
        res.prepare_payload();
        http::write(s, res, rec);
        if (rec || !req.keep_alive()) return;
      }
    }).detach();
  }
}

bool Simulator::down(const std::string& code) {
  std::lock_guard lock(mutex_);
  auto it = down_until_.find(code);
  return it != down_until_.end() && std::chrono::steady_clock::now() < it->second;
}

bool Simulator::refusing(const std::string& code) {
  std::lock_guard lock(mutex_);
  auto it = refuse_until_.find(code);
  return it != refuse_until_.end() && std::chrono::steady_clock::now() < it->second;
}

std::chrono::milliseconds Simulator::slowness(const std::string& code) {
  std::lock_guard lock(mutex_);
  auto it = slow_until_.find(code);
  if (it == slow_until_.end() || std::chrono::steady_clock::now() >= it->second) return std::chrono::milliseconds(0);
  return slow_by_[code];
}

Simulator::Answer Simulator::handle(const std::string& method, const std::string& target,
                                    const std::map<std::string, std::string>& headers, const std::string& body) {
  if (idp_)
    if (auto r = idp_->handle(method, target, body)) return {r->status, r->body, r->content_type, r->location};
  if (sms_)
    if (auto r = sms_->handle(method, target, headers, body)) return {r->status, r->body};
  if (options_.slow.count() > 0) std::this_thread::sleep_for(options_.slow);
  if (method == "GET" && target == "/_stats") {
    std::lock_guard lock(mutex_);
    json::object o;
    for (const auto& d : options_.departments)
      o[d.code] = json::object{{"received", received_[d.code]},
                               {"duplicates", duplicates_[d.code]},
                               {"refused", refused_[d.code]},
                               {"errors", errors_[d.code]},
                               {"callbacks_pending", callbacks_pending_[d.code]},
                               {"callbacks_given_up", callbacks_given_up_[d.code]}};
    return {200, answer_json(o)};
  }
  if (method == "GET" && target == "/_later") {
    // Material fetches and callbacks not finished (queued, retries waiting, or running): the benchmarks wait for 0.
    return {200, answer_json({{"queued", later_.busy()}})};
  }
  if (method == "GET" && target == "/_receipts") {
    // Every task received once, with when (Unix microseconds) and its traceparent: the benchmark matches them to
    // its 201s, the tests follow a request's trace to the department.
    std::lock_guard lock(mutex_);
    json::array out;
    for (const auto& r : receipts_)
      out.push_back(json::object{{"department", r.department},
                                 {"case_number", r.case_number},
                                 {"step", r.step},
                                 {"at_us", r.at_us},
                                 {"traceparent", r.traceparent}});
    return {200, json::serialize(out)};
  }
  if (method == "GET" && target == "/_material_fetches") return {200, json::serialize(fetcher_.fetched())};
  if (method == "POST" && target == "/_hotline/tickets") {
    if (!options_.hotline) return {404, answer_json({{"error", "not playing the 12345 hotline (--hotline CODE)"}})};
    int sequence = 0;
    {
      std::lock_guard lock(mutex_);
      sequence = ++tickets_sent_;
    }
    auto [status, answer] =
        send_hotline_ticket(client_, options_.platform_url, *options_.hotline, body, unix_now(), sequence);
    return {status, answer};
  }
  if (method == "POST" && target == "/_control") {
    // {"down_seconds": N, "departments": ["GA"]}: those departments drop every connection for N seconds;
    // {"refuse_seconds": N, …}: they answer 422 (a refusal the platform must not retry);
    // {"slow_seconds": N, "slow_ms": M, …}: they take M ms longer to answer each push for N seconds.
    json::value v = json::parse(body);
    const auto& o = v.as_object();
    const char* field = o.contains("refuse_seconds") ? "refuse_seconds"
                        : o.contains("slow_seconds") ? "slow_seconds"
                                                     : "down_seconds";
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<long long>(v.at(field).to_number<double>() * 1000));
    auto& windows = field[0] == 'r' ? refuse_until_ : field[0] == 's' ? slow_until_ : down_until_;
    std::lock_guard lock(mutex_);
    for (const auto& c : v.at("departments").as_array()) {
      const std::string code(c.as_string());
      windows[code] = until;
      if (field[0] == 's')
        slow_by_[code] = std::chrono::milliseconds(o.contains("slow_ms") ? v.at("slow_ms").to_number<long long>() : 0);
    }
    return {200, "{}"};
  }
  if (method == "GET" && target.starts_with("/elicenses/document?")) {
    // The licence's document (a one-page PDF); "ELICENSE" or "ELICENSE_DOCUMENT" down makes it silent.
    if (down("ELICENSE") || down("ELICENSE_DOCUMENT")) return {0, {}};
    const auto fields = form_fields(target.substr(std::string("/elicenses/document?").size()));
    const std::string type = fields.contains("type") ? fields.at("type") : "";
    const std::string holder = fields.contains("holder") ? fields.at("holder") : "";
    const auto found = registry_.find(type, holder);
    const auto document = found ? registry_.document(*found) : std::nullopt;
    if (!document) return {404, answer_json({{"error", "no such licence"}})};
    return {200, document->bytes, document->media_type};
  }
  if (method == "GET" && target.starts_with("/elicenses?")) {
    // The demo e-license library; "ELICENSE" in a /_control down window makes it silent.
    if (down("ELICENSE")) return {0, {}};
    const auto fields = form_fields(target.substr(std::string("/elicenses?").size()));
    const std::string type = fields.contains("type") ? fields.at("type") : "";
    const std::string holder = fields.contains("holder") ? fields.at("holder") : "";
    auto found = registry_.find(type, holder);
    if (!found) return {404, answer_json({{"error", "no such licence"}})};
    return {
        200,
        answer_json(
            {{"type", found->type}, {"holder", found->holder}, {"number", found->number}, {"issuer", found->issuer}})};
  }
  if (method == "GET" && target == "/credit-entries") {  // what the platform recorded (告知承诺不实), for the tests
    if (down("CREDIT")) return {0, {}};
    json::array entries;
    std::lock_guard lock(mutex_);
    for (const auto& e : credit_entries_)
      entries.push_back(json::object{{"holder", e.holder}, {"list", e.list}, {"reason", e.reason}});
    return {200, json::serialize(json::object{{"entries", entries}})};
  }
  if (method == "POST" && (target == "/credit-checks" || target == "/credit-entries")) {
    if (down("CREDIT")) return {0, {}};
    try {
      const auto v = json::parse(body);
      const std::string holder(v.at("holder").as_string());
      if (target == "/credit-entries") {
        std::string key;
        for (const auto& [k, value] : headers)
          if (beast::iequals(k, "Idempotency-Key")) key = value;
        adapters::CreditEntry entry{holder, std::string(v.at("list").as_string()),
                                    std::string(v.at("reason").as_string()), key};
        std::lock_guard lock(mutex_);
        if (!key.empty() && !credit_entry_keys_.insert(key).second)
          return {200, answer_json({{"recorded", true}, {"replayed", true}})};
        credit_.record(entry);
        credit_entries_.push_back(std::move(entry));
        return {201, answer_json({{"recorded", true}})};
      }
      json::array lists;
      for (const auto& l : credit_.check(holder).lists) lists.emplace_back(l);
      return {200, json::serialize(json::object{{"lists", lists}})};
    } catch (const std::exception&) {
      return {400, answer_json({{"error", "holder is required"}})};
    }
  }
  for (const auto& d : options_.departments) {
    const std::string prefix = "/" + d.code + "/";
    if (method == "POST" && target.starts_with(prefix)) {
      if (down(d.code)) return {0, {}};
      if (auto wait = slowness(d.code); wait.count() > 0) std::this_thread::sleep_for(wait);
      if (refusing(d.code)) return {422, answer_json({{"error", "模拟拒收：申请信息不符合本部门接收要求"}})};
      return push(d, target.substr(prefix.size()), headers, body);
    }
  }
  return {404, answer_json({{"error", "no such department or path"}})};
}

Simulator::Answer Simulator::push(const SimDepartment& d, const std::string& kind,
                                  const std::map<std::string, std::string>& headers, const std::string& body) {
  auto header = [&](const char* name) {
    for (const auto& [k, v] : headers)
      if (beast::iequals(k, name)) return v;
    return std::string();
  };
  if (!adapters::timestamp_fresh(header("X-OW-Timestamp"), unix_now(), 300) ||
      !adapters::signature_matches(d.secret, header("X-OW-Timestamp"), body, header("X-OW-Signature"))) {
    std::lock_guard lock(mutex_);
    ++refused_[d.code];
    return {401, answer_json({{"error", "bad signature"}})};
  }
  const std::string key = header("Idempotency-Key");
  if (key.empty()) return {400, answer_json({{"error", "Idempotency-Key required"}})};
  {
    std::lock_guard lock(mutex_);
    if (std::uniform_real_distribution<double>(0, 1)(random_) < options_.error_rate) {
      ++errors_[d.code];
      return {503, answer_json({{"error", "injected failure"}})};
    }
    if (!seen_.insert(d.code + "|" + key).second) {
      ++duplicates_[d.code];
      return {200, answer_json({{"duplicate", true}})};
    }
    ++received_[d.code];
  }
  if (kind != "tasks") return {200, answer_json({{"accepted", true}})};
  const json::value task = json::parse(body);
  const std::string number(task.at("case_number").as_string()), step(task.at("step").as_string());
  {
    // When each task first arrived, for the accept → dispatched benchmark (GET /_receipts).
    std::lock_guard lock(mutex_);
    receipts_.push_back(
        {d.code, number, step,
         std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
             .count(),
         header("traceparent")});
  }
  later_.now([this, d, task] { fetcher_.fetch_all(d.code, d.api_key, task); });
  if (!options_.manual.contains(d.code)) {
    const std::string traceparent = header("traceparent");
    later_.at(Later::Clock::now() + options_.decision_delay / 2, [this, d, key, number, step, traceparent] {
      const auto received =
          answer_json({{"id", key + ":received"}, {"type", "received"}, {"case_number", number}, {"step", step}});
      call_back(d, key + ":received", received, traceparent, [this, d, key, number, step, traceparent] {
        later_.at(Later::Clock::now() + options_.decision_delay / 2,
                  [this, d, key, number, step, traceparent] { decide(d, key, number, step, traceparent); });
      });
    });
  }
  return {200, answer_json({{"accepted", true}})};
}

void Simulator::decide(const SimDepartment& d, const std::string& key, const std::string& number,
                       const std::string& step, const std::string& traceparent) {
  bool approve = true;
  int serial = 0;
  {
    std::lock_guard lock(mutex_);
    approve = std::uniform_real_distribution<double>(0, 1)(random_) < options_.approve_probability;
    serial = received_[d.code];
  }
  json::object decision{{"id", key + ":decision"}, {"case_number", number}, {"step", step}};
  if (approve) {
    decision["type"] = "approved";
    decision["opinion"] = "模拟审批通过";
    decision["produced"] = json::object{{step, d.code + "-SIM-" + std::to_string(serial)}};
  } else {
    decision["type"] = "rejected";
    decision["reason"] = "模拟不予许可";
    decision["legal_basis"] = "模拟依据";
  }
  call_back(d, key + ":decision", answer_json(decision), traceparent, [] {});
}

void Simulator::call_back(const SimDepartment& d, const std::string& event_id, const std::string& body,
                          const std::string& traceparent, std::function<void()> then) {
  // Tried until the platform takes it or callback_retry_for has passed (a department's system keeps its
  // outgoing events through a long outage of the platform); the platform deduplicates by event id. Each try is
  // a job of its own: a callback waiting to be tried again holds no worker.
  {
    std::lock_guard lock(mutex_);
    ++callbacks_pending_[d.code];
  }
  try_call_back({d, event_id, body, traceparent, std::move(then), Later::Clock::now() + options_.callback_retry_for});
}

void Simulator::try_call_back(PendingCallback c) {
  const std::string ts = std::to_string(unix_now());
  std::map<std::string, std::string> headers{{"X-Api-Key", c.department.api_key},
                                             {"X-OW-Timestamp", ts},
                                             {"X-OW-Signature", adapters::sign(c.department.secret, ts, c.body)}};
  if (!c.traceparent.empty()) headers.emplace("traceparent", c.traceparent);
  auto a = client_.post(options_.platform_url + "/api/v1/departments/" + c.department.code + "/events", headers, c.body,
                        std::chrono::milliseconds(2000), std::chrono::milliseconds(5000));
  bool done = true;
  if (!callback_retryable(a.status, a.retry_after_seconds >= 0)) {
    if (a.status != 200) std::cerr << "callback " << c.event_id << " answered " << a.status << ": " << a.body << "\n";
  } else {
    ++c.attempt;
    const auto wait = callback_delay(c.attempt - 1, options_.callback_backoff_cap,
                                     std::chrono::seconds(std::max(0, a.retry_after_seconds)));
    if (Later::Clock::now() + wait > c.give_up_at) {
      std::cerr << "callback " << c.event_id << " gave up after " << c.attempt - 1 << " tries\n";
      std::lock_guard lock(mutex_);
      ++callbacks_given_up_[c.department.code];
    } else {
      done = false;
      later_.at(Later::Clock::now() + wait, [this, c = std::move(c)]() mutable { try_call_back(std::move(c)); });
    }
  }
  if (!done) return;
  c.then();  // first: what follows (the decision) is queued before this callback stops counting as pending
  std::lock_guard lock(mutex_);
  --callbacks_pending_[c.department.code];
}

}  // namespace ow::simulator
