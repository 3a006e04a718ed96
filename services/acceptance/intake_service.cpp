// Intake: request → flow command → one transaction.
#include "services/acceptance/intake_service.hpp"

#include <boost/json.hpp>
#include <set>

#include "services/acceptance/case_reading.hpp"
#include "services/acceptance/case_scope.hpp"
#include "services/acceptance/case_views.hpp"
#include "services/acceptance/case_writer.hpp"
#include "services/acceptance/documents.hpp"
#include "services/acceptance/record_codec.hpp"
#include "services/catalog/catalog_json.hpp"
#include "services/platform/problem.hpp"
#include "services/store/case_store.hpp"
#include "services/store/query_code_store.hpp"
#include "workflow/catalog/guide.hpp"
#include "workflow/flow/case_flow.hpp"
#include "workflow/flow/case_number.hpp"
#include "workflow/flow/identity.hpp"
#include "workflow/flow/intake_rules.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::Problem;
namespace problems = platform::problems;

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

Problem unprocessable(const std::string& code, const std::string& title, const std::string& detail, json::object extra = {}) {
  return Problem(422, code, title, detail, std::move(extra));
}

// Everything about a request that needs the catalog: the bundle, the applicant's fit, materials, e-licenses.
struct Checked {
  const catalog::Bundle* bundle = nullptr;
  catalog::Guide guide;
  std::vector<std::string> active;
  flow::MaterialCheck missing;
};

void check_applicant(const Applicant& a, const catalog::Bundle& b, calendar::Date today) {
  if (a.kind != b.audience)
    throw unprocessable("audience_mismatch", "申请人类型与事项不符",
                        b.code + " is for " + b.audience + " applicants, not " + a.kind);
  if (a.kind == "person") {
    if (auto why = flow::check_resident_id(a.id_number, today); !why.empty()) throw problems::bad_request(why, "applicant.id_number");
  } else if (auto why = flow::check_credit_code(a.credit_code); !why.empty() && a.credit_code_override_reason.empty()) {
    throw unprocessable("credit_code_check_failed", "统一社会信用代码校验未通过",
                        why + "; if the code is genuine, resubmit with applicant.credit_code_override_reason",
                        json::object{{"field", "applicant.credit_code"}, {"overridable", true}});
  }
}

Checked check_against_catalog(const IntakeRequest& r, const std::string& bundle_code, const catalog::Catalog& c,
                              const adapters::ELicenseLookup& elicenses, const Applicant& applicant,
                              const std::map<std::string, std::string>& attributes, std::int64_t minutes_per_day) {
  Checked out;
  auto it = c.bundles.find(bundle_code);
  if (it == c.bundles.end()) throw problems::bad_request("no bundle '" + bundle_code + "' in the catalog", "bundle");
  out.bundle = &it->second;
  for (const auto& [k, v] : attributes) {
    auto a = std::find_if(out.bundle->attributes.begin(), out.bundle->attributes.end(), [&](const auto& x) { return x.name == k; });
    if (a == out.bundle->attributes.end()) throw problems::bad_request(bundle_code + " has no attribute '" + k + "'", "attributes." + k);
    if (a->type == "boolean" && v != "true" && v != "false") throw problems::bad_request("attributes." + k + " must be true or false", "attributes." + k);
  }
  out.guide = catalog::merged_guide(c, *out.bundle, minutes_per_day);
  out.active = flow::active_steps(*out.bundle, attributes);
  std::set<std::string> presented;
  const std::string holder = applicant.kind == "person" ? applicant.id_number : applicant.credit_code;
  int i = 0;
  for (const auto& m : r.materials) {
    const std::string field = "materials[" + std::to_string(i++) + "]";
    auto g = std::find_if(out.guide.materials.begin(), out.guide.materials.end(), [&](const auto& x) { return x.id == m.id; });
    if (g == out.guide.materials.end()) throw problems::bad_request("'" + m.id + "' is not a material the applicant brings for " + bundle_code, field + ".id");
    if (m.form == "elicense") {
      if (!g->elicense_type) throw problems::bad_request("'" + m.id + "' cannot be satisfied by an e-license", field + ".form");
      std::optional<adapters::ELicense> found;
      try {
        found = elicenses.find(*g->elicense_type, holder);
      } catch (const adapters::ELicenseUnavailable&) {
        throw unprocessable("elicense_lookup_unavailable", "电子证照库暂时无法查询，请核验纸质材料",
                            "the e-license library did not answer; check the paper original and record the material as 'original'",
                            json::object{{"field", field}});
      }
      if (!found)
        throw unprocessable("elicense_not_found", "电子证照库中未找到该证照",
                            "no " + *g->elicense_type + " for this applicant in the e-license library", json::object{{"field", field}});
    } else if (std::find(g->forms.begin(), g->forms.end(), m.form) == g->forms.end()) {
      throw problems::bad_request("'" + m.id + "' is not accepted as " + m.form, field + ".form");
    }
    presented.insert(m.id);
  }
  out.missing = flow::check_materials(out.guide, out.active, presented);
  return out;
}

flow::Command command_for(const WindowDecision& d, const Checked& ck, const calendar::ClockMath& math, const catalog::Bundle& b,
                          calendar::Instant now, bool present) {
  if (d.kind == "refuse") return flow::Refuse{d.reason, d.legal_basis, present};
  if (d.kind == "supplement") {
    std::vector<std::string> missing = ck.missing.missing_key;
    missing.insert(missing.end(), ck.missing.missing_deferrable.begin(), ck.missing.missing_deferrable.end());
    for (const auto& m : d.missing) {
      if (std::none_of(ck.guide.materials.begin(), ck.guide.materials.end(), [&](const auto& g) { return g.id == m; }))
        throw problems::bad_request("'" + m + "' is not a material of " + b.code, "decision.missing");
      if (std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
    }
    if (missing.empty()) throw unprocessable("nothing_missing", "没有需要补正的材料", "every material is present; accept instead");
    return flow::RequestSupplementAtIntake{missing, present};
  }
  if (!ck.missing.missing_key.empty())
    throw unprocessable("key_materials_missing", "缺少不可容缺的关键材料，不能受理",
                        "key materials are missing; ask for them with a supplement notice (补正)",
                        json::object{{"missing", strings(ck.missing.missing_key)}});
  if (d.kind == "accept") {
    if (!ck.missing.missing_deferrable.empty())
      throw unprocessable("materials_missing", "材料不全", "materials are missing; accept with deferral (容缺受理) or ask for a supplement",
                          json::object{{"missing", strings(ck.missing.missing_deferrable)}});
    return flow::Accept{{}, present};
  }
  // accept_with_deferral: exactly the missing deferrable materials, each promised by the committed due date.
  calendar::Clock committed{b.committed, now, 0, {}, std::nullopt, std::nullopt};
  const calendar::Date latest = calendar::cst_date(*math.due_at(committed));
  std::set<std::string> deferred;
  flow::Accept accept{{}, present};
  for (const auto& def : d.deferrals) {
    if (std::find(ck.missing.missing_deferrable.begin(), ck.missing.missing_deferrable.end(), def.material) ==
        ck.missing.missing_deferrable.end())
      throw unprocessable("deferral_mismatch", "容缺材料有误", "'" + def.material + "' is not a missing deferrable material");
    if (def.due < calendar::cst_date(now) || def.due > latest)
      throw unprocessable("deferral_date_invalid", "容缺材料补交日期无效",
                          "the promised date must be between today and the committed due date " + calendar::format_date(latest));
    deferred.insert(def.material);
    accept.deferred.push_back({def.material, def.due, false});
  }
  if (deferred.size() != ck.missing.missing_deferrable.size())
    throw unprocessable("deferral_mismatch", "容缺材料有误", "every missing deferrable material needs a promised date",
                        json::object{{"missing", strings(ck.missing.missing_deferrable)}});
  return accept;
}

std::string sha256_of(const std::string& s) { return catalog_service::sha256_hex(s); }

json::array materials_json(const std::vector<PresentedMaterial>& ms) {
  json::array a;
  for (const auto& m : ms) a.push_back(json::object{{"id", m.id}, {"form", m.form}});
  return a;
}

json::object decision_json(const WindowDecision& d, const flow::Command& c) {
  json::object o{{"kind", d.kind}};
  if (auto s = std::get_if<flow::RequestSupplementAtIntake>(&c)) o["missing"] = strings(s->missing);
  if (!d.reason.empty()) o["reason"] = d.reason;
  if (!d.legal_basis.empty()) o["legal_basis"] = d.legal_basis;
  return o;
}

}  // namespace

std::string region_scope(const std::string& region_code) {
  std::string s = region_code;
  if (s.size() == 6)
    while (s.size() > 2 && s.ends_with("00")) s.resize(s.size() - 2);
  return s;
}

Answer IntakeService::create(const platform::Actor& clerk, const std::string& idempotency_key, const std::string& raw_body,
                             const IntakeRequest& r) {
  if (!clerk.hall_code || !clerk.window_code) throw problems::forbidden("only a clerk at a window accepts cases");
  const calendar::Instant now = now_();
  auto loaded = catalog_.current();
  if (!loaded) throw problems::unavailable("catalog_not_loaded", "事项目录尚未加载", "run `onewindow catalog load` first", 30);
  auto bundle_it = loaded->catalog.bundles.find(r.bundle);
  if (bundle_it == loaded->catalog.bundles.end()) throw problems::bad_request("no bundle '" + r.bundle + "' in the catalog", "bundle");
  check_applicant(r.applicant, bundle_it->second, calendar::cst_date(now));
  const Checked ck = check_against_catalog(r, r.bundle, loaded->catalog, elicenses_, r.applicant, r.attributes, catalog_.minutes_per_day());
  const bool present = r.applicant_present.value_or(r.channel == "window");
  flow::Command command = r.channel == "online" ? flow::Command{flow::SubmitOnline{}}
                                                : command_for(*r.decision, ck, math(), *ck.bundle, now, present);
  const std::string hash = sha256_of(raw_body);
  const std::string actor = clerk.log_id();
  return pool_.transact([&](pqxx::work& tx) -> Answer {
    if (auto stored = store::idempotency::find_same(tx, actor, idempotency_key, hash))
      return {static_cast<unsigned>(stored->status), stored->response, true};
    const std::string region6 = clerk.region_code.substr(0, 6);
    const calendar::Date today = calendar::cst_date(now);
    const int seq = store::cases::next_sequence(tx, region6, calendar::format_date(today));
    flow::CaseRecord record;
    record.number = flow::make_case_number(region6, today, seq);
    record.bundle = r.bundle;
    record.catalog_version = loaded->version;
    record.attributes = r.attributes;
    flow::FlowContext ctx{loaded->catalog, *ck.bundle, catalog_.minutes_per_day()};
    flow::Decision d = flow::apply(ctx, record, command, actor, now);

    store::CaseRow row;
    row.number = record.number;
    row.bundle_code = r.bundle;
    row.catalog_version = loaded->version;
    row.channel = r.channel;
    row.region_code = clerk.region_code;
    row.hall_code = clerk.hall_code;
    row.window_code = clerk.window_code;
    row.clerk_id = clerk.user_id;
    json::object applicant{{"kind", r.applicant.kind}, {"name", r.applicant.name}};
    if (r.applicant.kind == "person") applicant["id_number"] = r.applicant.id_number;
    else applicant["credit_code"] = r.applicant.credit_code;
    if (!r.applicant.credit_code_override_reason.empty()) applicant["credit_code_override_reason"] = r.applicant.credit_code_override_reason;
    row.applicant = json::serialize(applicant);
    row.phone = r.phone;
    row.materials = json::serialize(materials_json(r.materials));
    row.decision = r.decision ? json::serialize(decision_json(*r.decision, command)) : "{}";
    write_decision(tx, row, record, d, math(), now);

    auto tasks = store::cases::tasks(tx, row.id);
    auto audit = store::cases::audit(tx, row.id);
    auto stored = store::cases::by_number(tx, row.number);
    const std::string body = json::serialize(full_view(*stored, tasks, audit, &loaded->catalog, math(), now));
    store::idempotency::put(tx, actor, idempotency_key, hash, 201, body);
    return {201, body, false};
  });
}

json::object IntakeService::decide(const platform::Actor& clerk, const std::string& number, const IntakeRequest& r) {
  if (!clerk.hall_code || !clerk.window_code) throw problems::forbidden("only a clerk at a window decides on intake");
  const calendar::Instant now = now_();
  return pool_.transact([&](pqxx::work& tx) {
    auto row = std::optional<store::CaseRow>(lock_for_window(tx, clerk, number));  // the clerks of the case's hall only
    auto loaded = catalog_.version(row->catalog_version);
    const auto& bundle = loaded->catalog.bundles.at(row->bundle_code);
    const json::value applicant_json = json::parse(row->applicant);
    Applicant applicant{std::string(applicant_json.at("kind").as_string()), std::string(applicant_json.at("name").as_string()), "", "", ""};
    if (applicant.kind == "person") applicant.id_number = applicant_json.at("id_number").as_string();
    else applicant.credit_code = applicant_json.at("credit_code").as_string();
    auto tasks = store::cases::tasks(tx, row->id);
    flow::CaseRecord before = record_from_rows(*row, tasks);
    const Checked ck = check_against_catalog(r, row->bundle_code, loaded->catalog, elicenses_, applicant, before.attributes,
                                             catalog_.minutes_per_day());
    // Pre-review of an online submission is no visit unless the clerk says the applicant is at the counter.
    const bool present = r.applicant_present.value_or(row->channel == "window");
    flow::Command command = command_for(*r.decision, ck, math(), bundle, now, present);
    flow::FlowContext ctx{loaded->catalog, bundle, catalog_.minutes_per_day()};
    flow::Decision d = flow::apply(ctx, before, command, clerk.log_id(), now);
    row->materials = json::serialize(materials_json(r.materials));
    row->decision = json::serialize(decision_json(*r.decision, command));
    if (!row->window_code) {
      row->hall_code = clerk.hall_code;
      row->window_code = clerk.window_code;
    }
    write_decision(tx, *row, before, d, math(), now);
    auto stored = store::cases::by_number(tx, number);
    return read_case(tx, clerk, *stored, &loaded->catalog, math(), now);
  });
}

json::object IntakeService::view(const platform::Actor& actor, const std::string& number) {
  const calendar::Instant now = now_();
  return pool_.transact([&](pqxx::work& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row || !row->region_code.starts_with(region_scope(actor.region_code))) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    return read_case(tx, actor, *row, loaded ? &loaded->catalog : nullptr, math(), now);
  });
}

json::object IntakeService::list(const platform::Actor& actor, const ListQuery& q) {
  store::CaseListFilter f;
  f.region_prefix = region_scope(actor.region_code);
  f.hall_code = q.hall;
  f.window_code = q.window;
  f.day = q.day;
  f.state = q.state;
  f.limit = std::clamp(q.limit, 1, 200);
  if (q.cursor) {
    try {
      f.before_id = std::stoll(*q.cursor);
    } catch (const std::exception&) {
      throw problems::bad_request("cursor is not one this API gave", "cursor");
    }
  }
  if (q.day) {
    try {
      calendar::parse_date(*q.day);
    } catch (const calendar::ParseError& e) {
      throw problems::bad_request(e.what(), "day");
    }
  }
  if (q.state && !machines::case_state_named(*q.state)) throw problems::bad_request("unknown state '" + *q.state + "'", "state");
  auto loaded = catalog_.current();
  return pool_.transact([&](pqxx::work& tx) {
    auto rows = store::cases::list(tx, f);
    json::object out{{"items", read_case_list(tx, actor, rows, loaded ? &loaded->catalog : nullptr)}};
    out["next_cursor"] = static_cast<int>(rows.size()) == f.limit ? json::value(std::to_string(rows.back().id)) : json::value(nullptr);
    return out;
  });
}

json::object IntakeService::progress(const std::string& number) {
  return pool_.transact([&](pqxx::work& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    return progress_view(*row, store::cases::tasks(tx, row->id), loaded ? &loaded->catalog : nullptr);
  });
}

}  // namespace ow::acceptance

namespace ow::acceptance {

std::string IntakeService::document(const platform::Actor& actor, const std::string& number, const std::string& kind) {
  return pool_.transact([&](pqxx::work& tx) {
    auto row = store::cases::by_number(tx, number);
    if (!row || !row->region_code.starts_with(region_scope(actor.region_code))) throw problems::not_found("no case " + number);
    auto loaded = catalog_.version(row->catalog_version);
    const auto tasks = store::cases::tasks(tx, row->id);
    require_unmasked(tx, actor, *row, tasks);
    ReceiptLink link{public_base_url_, std::nullopt};
    if (kind == "receipt" && actor.role == platform::Role::clerk && actor.hall_code && actor.hall_code == row->hall_code)
      link.query_code = store::query_codes::of_case(tx, row->id);
    return render_document(kind, *row, tasks, store::cases::audit(tx, row->id), loaded->catalog, link);
  });
}

}  // namespace ow::acceptance
