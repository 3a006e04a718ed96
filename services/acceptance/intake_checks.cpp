// The window's intake rules over a request: the applicant fits the bundle, the materials are the guide's (an
// e-licence is looked up in the library), and the clerk's decision becomes the flow's command. Everything
// here runs before any transaction: the e-licence look-up is a network call.
#include "services/acceptance/intake_checks.hpp"

#include <boost/json.hpp>
#include <set>

#include "services/acceptance/commitment_checks.hpp"
#include "services/catalog/catalog_json.hpp"
#include "services/platform/problem.hpp"
#include "workflow/flow/identity.hpp"

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

Problem unprocessable(const std::string& code, const std::string& title, const std::string& detail,
                      json::object extra = {}) {
  return Problem(422, code, title, detail, std::move(extra));
}

// How a material in this form satisfies the case, in the words the case view and receipt show.
std::string satisfied_label(const std::string& form) {
  if (form == "elicense") return "电子证照核验";
  if (form == "electronic") return "电子材料";
  return "纸质材料";
}

std::vector<std::string> needed_missing(const flow::MaterialCheck& m) {
  std::vector<std::string> out = m.missing_key;
  out.insert(out.end(), m.missing_deferrable.begin(), m.missing_deferrable.end());
  return out;
}

// The clerk's decision names the material as deferred (容缺) or to be supplemented (补正): their choice stands,
// the library is not asked for it.
bool clerk_names(const std::optional<WindowDecision>& d, const std::string& id) {
  if (!d) return false;
  return std::find(d->missing.begin(), d->missing.end(), id) != d->missing.end() ||
         std::any_of(d->deferrals.begin(), d->deferrals.end(), [&](const auto& x) { return x.material == id; });
}

// The clerk is told which e-licence materials to take on paper, and why (no answer, or no licence).
Problem paper_needed(const Checked& ck, const std::vector<std::string>& which) {
  std::string names;
  for (const auto& id : which) {
    auto g =
        std::find_if(ck.guide.materials.begin(), ck.guide.materials.end(), [&](const auto& x) { return x.id == id; });
    names += (names.empty() ? "" : "、") + (g == ck.guide.materials.end() ? id : g->name);
  }
  return unprocessable(
      "elicense_paper_needed",
      (ck.library_unavailable ? "电子证照库暂时无法查询，请收取纸质材料：" : "电子证照库中未找到，请收取纸质材料：") +
          names,
      ck.library_unavailable ? "the e-licence library did not answer; take these materials on paper"
                             : "the e-licence library holds no such licence; take these on paper",
      json::object{{"field", "materials"}, {"missing", strings(which)}, {"unavailable", ck.library_unavailable}});
}

// The unverified e-licence materials among `missing`.
std::vector<std::string> unverified_among(const Checked& ck, const std::vector<std::string>& missing) {
  std::vector<std::string> out;
  for (const auto& id : missing)
    if (std::find(ck.paper_needed.begin(), ck.paper_needed.end(), id) != ck.paper_needed.end()) out.push_back(id);
  return out;
}

}  // namespace

namespace {

void check_newborn(const Newborn& n, calendar::Date today) {
  switch (flow::check_newborn_birth_date(n.birth_date, today)) {
    case flow::BirthDateFault::none: break;
    case flow::BirthDateFault::not_a_date:
      throw problems::bad_request("applicant.newborn.birth_date must be a date YYYY-MM-DD",
                                  "applicant.newborn.birth_date");
    case flow::BirthDateFault::future:
      throw unprocessable("newborn_birth_date_invalid", "「新生儿出生日期」不能晚于今天",
                          "the newborn's birth date is after today",
                          json::object{{"field", "applicant.newborn.birth_date"}});
    case flow::BirthDateFault::too_old:
      throw unprocessable("newborn_birth_date_invalid", "「新生儿出生日期」早于一年前，不能按出生一件事办理",
                          "the newborn's birth date is more than a year before today (earliest " +
                              calendar::format_date(flow::newborn_earliest_birth(today)) + ")",
                          json::object{{"field", "applicant.newborn.birth_date"}});
  }
  if (auto why = flow::check_birth_certificate_number(n.certificate_number); !why.empty())
    throw problems::bad_request(why, "applicant.newborn.certificate_number");
}

}  // namespace

void check_applicant(const Applicant& a, const catalog::Bundle& b, calendar::Date today) {
  if (a.kind != b.audience)
    throw unprocessable("audience_mismatch", "申请人类型与事项不符",
                        b.code + " is for " + b.audience + " applicants, not " + a.kind);
  if (a.newborn) {
    if (!flow::takes_newborn(b))
      throw problems::bad_request(b.code + " takes no newborn's details", "applicant.newborn");
    check_newborn(*a.newborn, today);
  }
  if (a.kind == "person") {
    if (auto why = flow::check_resident_id(a.id_number, today); !why.empty())
      throw problems::bad_request(why, "applicant.id_number");
  } else if (a.establishment) {
    if (!flow::admits_establishment(b))
      throw unprocessable("establishment_not_offered", "该一件事不能以设立登记（尚无统一社会信用代码）办理",
                          b.code + " is not started before the enterprise exists; give its credit code",
                          json::object{{"field", "applicant.establishment"}});
    // The agent's resident ID, checked as an applicant's is.
    if (auto why = flow::check_resident_id(a.agent->id_number, today); !why.empty())
      throw problems::bad_request(why, "applicant.agent.id_number");
  } else if (const auto check = flow::inspect_credit_code(a.credit_code); check.fault != flow::CreditCodeFault::none) {
    // Only a wrong check character may be overridden (with the clerk's reason); anything else is no credit code.
    if (check.fault != flow::CreditCodeFault::check_character)
      throw unprocessable("credit_code_invalid", "统一社会信用代码格式有误", check.why,
                          json::object{{"field", "applicant.credit_code"}, {"overridable", false}});
    if (a.credit_code_override_reason.empty())
      throw unprocessable("credit_code_check_failed", "统一社会信用代码校验未通过",
                          check.why + "; if the code is genuine, resubmit with applicant.credit_code_override_reason",
                          json::object{{"field", "applicant.credit_code"}, {"overridable", true}});
  }
}

calendar::Date committed_due_date(const calendar::ClockMath& math, const catalog::Bundle& b, calendar::Instant now) {
  calendar::Clock committed{b.committed, now, 0, {}, std::nullopt, std::nullopt};
  return calendar::cst_date(*math.due_at(committed));
}

Checked check_against_catalog(const IntakeRequest& r, const std::string& bundle_code, const catalog::Catalog& c,
                              const adapters::ELicenseLookup& elicenses, const Applicant& applicant,
                              const std::map<std::string, std::string>& attributes, std::int64_t minutes_per_day) {
  Checked out;
  auto it = c.bundles.find(bundle_code);
  if (it == c.bundles.end()) throw problems::bad_request("no bundle '" + bundle_code + "' in the catalog", "bundle");
  out.bundle = &it->second;
  for (const auto& [k, v] : attributes) {
    auto a = std::find_if(out.bundle->attributes.begin(), out.bundle->attributes.end(),
                          [&](const auto& x) { return x.name == k; });
    if (a == out.bundle->attributes.end())
      throw problems::bad_request(bundle_code + " has no attribute '" + k + "'", "attributes." + k);
    if (a->type == "boolean" && v != "true" && v != "false")
      throw problems::bad_request("attributes." + k + " must be true or false", "attributes." + k);
  }
  out.guide = catalog::merged_guide(c, *out.bundle, minutes_per_day);
  out.active = flow::active_steps(*out.bundle, attributes);
  std::set<std::string> presented;
  const std::string& holder = licence_holder(applicant);
  int i = 0;
  for (const auto& m : r.materials) {
    const std::string field = "materials[" + std::to_string(i++) + "]";
    auto g = std::find_if(out.guide.materials.begin(), out.guide.materials.end(),
                          [&](const auto& x) { return x.id == m.id; });
    if (g == out.guide.materials.end())
      throw problems::bad_request("'" + m.id + "' is not a material the applicant brings for " + bundle_code,
                                  field + ".id");
    if (m.form == "elicense") {
      if (!g->elicense_type)
        throw problems::bad_request("'" + m.id + "' cannot be satisfied by an e-license", field + ".form");
      std::optional<adapters::ELicense> found;
      try {
        found = elicenses.find(*g->elicense_type, holder);
      } catch (const adapters::ELicenseUnavailable&) {
        throw unprocessable(
            "elicense_lookup_unavailable", "电子证照库暂时无法查询，请核验纸质材料",
            "the e-license library did not answer; check the paper original and record the material as 'original'",
            json::object{{"field", field}});
      }
      if (!found)
        throw unprocessable("elicense_not_found", "电子证照库中未找到该证照",
                            "no " + *g->elicense_type + " for this applicant in the e-license library",
                            json::object{{"field", field}});
      out.licences.push_back({m.id, std::move(*found)});
    } else if (std::find(g->forms.begin(), g->forms.end(), m.form) == g->forms.end()) {
      throw problems::bad_request("'" + m.id + "' is not accepted as " + m.form, field + ".form");
    }
    presented.insert(m.id);
    PresentedMaterial kept = m;
    kept.satisfied = satisfied_label(m.form);
    out.received.push_back(std::move(kept));
  }
  // 告知承诺: the signed commitment stands in for its proofs (they are not looked up in the library either).
  out.commitments = commitments_for(r, c, *out.bundle, out.active);
  for (const auto& m : out.commitments)
    for (const auto& id : m.replaces)
      if (presented.insert(id).second) out.received.push_back({id, "commitment", kSatisfiedByCommitment});
  if (!out.commitments.empty()) out.received.push_back({kCommitmentLetter, "original", "告知承诺书"});
  // 免提交: every needed e-licence material the applicant did not hand over is verified in the library; only what
  // the library cannot verify stays missing (paper is asked for).
  for (const auto& id : needed_missing(flow::check_materials(out.guide, out.active, presented))) {
    auto g =
        std::find_if(out.guide.materials.begin(), out.guide.materials.end(), [&](const auto& x) { return x.id == id; });
    if (g == out.guide.materials.end() || !g->elicense_type || clerk_names(r.decision, id)) continue;
    std::optional<adapters::ELicense> verified;
    if (!out.library_unavailable) {
      try {
        verified = elicenses.find(*g->elicense_type, holder);
      } catch (const adapters::ELicenseUnavailable&) {
        out.library_unavailable = true;  // one timeout is enough: the rest on paper at once
      }
    }
    if (!verified) {
      out.paper_needed.push_back(id);
      continue;
    }
    presented.insert(id);
    out.received.push_back({id, "elicense", satisfied_label("elicense")});
    out.licences.push_back({id, std::move(*verified)});
  }
  out.missing = flow::check_materials(out.guide, out.active, presented);
  return out;
}

flow::Command command_for(const WindowDecision& d, const Checked& ck, const calendar::ClockMath& math,
                          const catalog::Bundle& b, calendar::Instant now, bool present) {
  if (d.kind == "refuse") return flow::Refuse{d.reason, d.legal_basis, present};
  if (d.kind == "supplement") {
    std::vector<std::string> missing = ck.missing.missing_key;
    missing.insert(missing.end(), ck.missing.missing_deferrable.begin(), ck.missing.missing_deferrable.end());
    for (const auto& m : d.missing) {
      if (std::none_of(ck.guide.materials.begin(), ck.guide.materials.end(), [&](const auto& g) { return g.id == m; }))
        throw problems::bad_request("'" + m + "' is not a material of " + b.code, "decision.missing");
      if (std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
    }
    if (missing.empty())
      throw unprocessable("nothing_missing", "没有需要补正的材料", "every material is present; accept instead");
    return flow::RequestSupplementAtIntake{missing, present};
  }
  // The core's rule of which decisions are open (the console's buttons follow the same rule).
  const flow::OpenDecisions open = flow::open_decisions(ck.missing);
  // E-licence materials the library could not verify: paper, named, before any other rule.
  if (auto key = unverified_among(ck, ck.missing.missing_key); !key.empty()) throw paper_needed(ck, key);
  if (auto all = unverified_among(ck, needed_missing(ck.missing)); d.kind == "accept" && !all.empty())
    throw paper_needed(ck, all);
  if (!ck.missing.missing_key.empty())
    throw unprocessable("key_materials_missing", "缺少不可容缺的关键材料，不能受理",
                        "key materials are missing; ask for them with a supplement notice (补正)",
                        json::object{{"missing", strings(ck.missing.missing_key)}});
  if (d.kind == "accept") {
    if (!open.accept)
      throw unprocessable("materials_missing", "材料不全",
                          "materials are missing; accept with deferral (容缺受理) or ask for a supplement",
                          json::object{{"missing", strings(ck.missing.missing_deferrable)}});
    return flow::Accept{{}, present, ck.commitments};
  }
  if (!open.accept_with_deferral)
    throw unprocessable("nothing_to_defer", "材料齐全，无需容缺受理", "every material is present; accept instead");
  // accept_with_deferral: exactly the missing deferrable materials, each promised by the committed due date.
  const calendar::Date latest = committed_due_date(math, b, now);
  std::set<std::string> deferred;
  flow::Accept accept{{}, present, ck.commitments};
  for (const auto& def : d.deferrals) {
    if (std::find(ck.missing.missing_deferrable.begin(), ck.missing.missing_deferrable.end(), def.material) ==
        ck.missing.missing_deferrable.end())
      throw unprocessable("deferral_mismatch", "容缺材料有误",
                          "'" + def.material + "' is not a missing deferrable material");
    if (def.due < calendar::cst_date(now) || def.due > latest)
      throw unprocessable(
          "deferral_date_invalid", "容缺材料补交日期无效",
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
  for (const auto& m : ms) {
    json::object o{{"id", m.id}, {"form", m.form}};
    if (!m.satisfied.empty()) o["satisfied"] = m.satisfied;
    if (!m.licence_document.empty()) o["licence_document"] = m.licence_document;
    a.push_back(std::move(o));
  }
  return a;
}

json::object decision_json(const WindowDecision& d, const flow::Command& c) {
  json::object o{{"kind", d.kind}};
  if (auto s = std::get_if<flow::RequestSupplementAtIntake>(&c)) o["missing"] = strings(s->missing);
  if (!d.reason.empty()) o["reason"] = d.reason;
  if (!d.legal_basis.empty()) o["legal_basis"] = d.legal_basis;
  return o;
}

}  // namespace ow::acceptance
