// Parsing of intake requests.
#include "services/acceptance/intake_request.hpp"

#include <boost/json.hpp>
#include <regex>

#include "services/platform/problem.hpp"

namespace ow::acceptance {
namespace {

namespace json = boost::json;
using platform::problems::bad_request;

const json::value* member(const json::object& o, const char* name) {
  auto it = o.find(name);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

std::string text(const json::object& o, const char* name, const std::string& field, bool required = true,
                 std::size_t max = 200) {
  const json::value* v = member(o, name);
  if (!v) {
    if (required) throw bad_request("'" + field + "' is required", field);
    return {};
  }
  if (!v->is_string()) throw bad_request("'" + field + "' must be a string", field);
  std::string s(v->as_string());
  if (required && s.empty()) throw bad_request("'" + field + "' must not be empty", field);
  if (s.size() > max) throw bad_request("'" + field + "' is too long", field);
  return s;
}

const json::array& array_of(const json::object& o, const char* name, const std::string& field) {
  static const json::array empty;
  const json::value* v = member(o, name);
  if (!v) return empty;
  if (!v->is_array()) throw bad_request("'" + field + "' must be a list", field);
  return v->as_array();
}

const json::object& object_of(const json::value& v, const std::string& field) {
  if (!v.is_object()) throw bad_request("'" + field + "' must be an object", field);
  return v.as_object();
}

Applicant parse_applicant(const json::object& body) {
  const json::value* v = member(body, "applicant");
  if (!v) throw bad_request("'applicant' is required", "applicant");
  const auto& o = object_of(*v, "applicant");
  Applicant a;
  a.kind = text(o, "kind", "applicant.kind");
  if (a.kind != "person" && a.kind != "enterprise")
    throw bad_request("applicant.kind must be person or enterprise", "applicant.kind");
  a.name = text(o, "name", "applicant.name", true, 100);
  if (a.kind == "person")
    a.id_number = text(o, "id_number", "applicant.id_number", true, 18);
  else {
    a.credit_code = text(o, "credit_code", "applicant.credit_code", true, 18);
    a.credit_code_override_reason =
        text(o, "credit_code_override_reason", "applicant.credit_code_override_reason", false);
  }
  return a;
}

void parse_materials(const json::object& body, IntakeRequest& r) {
  int i = 0;
  for (const auto& m : array_of(body, "materials", "materials")) {
    const std::string field = "materials[" + std::to_string(i++) + "]";
    const auto& o = object_of(m, field);
    PresentedMaterial p{text(o, "id", field + ".id", true, 64), text(o, "form", field + ".form")};
    if (p.form != "original" && p.form != "copy" && p.form != "electronic" && p.form != "elicense")
      throw bad_request(field + ".form must be original, copy, electronic or elicense", field + ".form");
    r.materials.push_back(p);
  }
}

WindowDecision parse_decision(const json::value& v) {
  const auto& o = object_of(v, "decision");
  WindowDecision d;
  d.kind = text(o, "kind", "decision.kind");
  if (d.kind == "accept_with_deferral") {
    int i = 0;
    for (const auto& x : array_of(o, "deferrals", "decision.deferrals")) {
      const std::string field = "decision.deferrals[" + std::to_string(i++) + "]";
      const auto& xo = object_of(x, field);
      Deferral def{text(xo, "material", field + ".material", true, 64), 0};
      try {
        def.due = calendar::parse_date(text(xo, "due_date", field + ".due_date"));
      } catch (const calendar::ParseError& e) {
        throw bad_request(e.what(), field + ".due_date");
      }
      d.deferrals.push_back(def);
    }
    if (d.deferrals.empty())
      throw bad_request("accept_with_deferral lists the deferred materials", "decision.deferrals");
  } else if (d.kind == "supplement") {
    for (const auto& x : array_of(o, "missing", "decision.missing")) {
      if (!x.is_string()) throw bad_request("decision.missing lists material ids", "decision.missing");
      d.missing.emplace_back(x.as_string());
    }
  } else if (d.kind == "refuse") {
    d.reason = text(o, "reason", "decision.reason", true, 1000);
    d.legal_basis = text(o, "legal_basis", "decision.legal_basis", true, 500);
  } else if (d.kind != "accept") {
    throw bad_request("decision.kind must be accept, accept_with_deferral, supplement or refuse", "decision.kind");
  }
  return d;
}

}  // namespace

IntakeRequest parse_decision_request(const json::object& body) {
  IntakeRequest r;
  parse_materials(body, r);
  const json::value* d = member(body, "decision");
  if (!d) throw bad_request("'decision' is required", "decision");
  r.decision = parse_decision(*d);
  if (const json::value* p = member(body, "applicant_present")) {
    if (!p->is_bool()) throw bad_request("'applicant_present' must be true or false", "applicant_present");
    r.applicant_present = p->as_bool();
  }
  return r;
}

IntakeRequest parse_intake_request(const json::object& body) {
  IntakeRequest r;
  r.bundle = text(body, "bundle", "bundle", true, 32);
  r.channel = member(body, "channel") ? text(body, "channel", "channel") : "window";
  if (r.channel != "window" && r.channel != "online" && r.channel != "app" && r.channel != "kiosk")
    throw bad_request("channel must be window, online, app or kiosk", "channel");
  r.applicant = parse_applicant(body);
  r.phone = text(body, "contact_phone", "contact_phone", true, 20);
  static const std::regex phone(R"(^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$)");
  if (!std::regex_match(r.phone, phone))
    throw bad_request("contact_phone must be a mobile (11 digits) or a landline number", "contact_phone");
  if (const json::value* a = member(body, "attributes")) {
    for (const auto& kv : object_of(*a, "attributes")) {
      const std::string field = "attributes." + std::string(kv.key());
      if (kv.value().is_bool())
        r.attributes[std::string(kv.key())] = kv.value().as_bool() ? "true" : "false";
      else if (kv.value().is_string())
        r.attributes[std::string(kv.key())] = std::string(kv.value().as_string());
      else
        throw bad_request(field + " must be true, false or a string", field);
    }
  }
  parse_materials(body, r);
  if (const json::value* d = member(body, "decision"))
    r.decision = parse_decision(*d);
  else if (r.channel == "window")
    throw bad_request("a window intake needs the clerk's 'decision'", "decision");
  if (const json::value* p = member(body, "applicant_present")) {
    if (!p->is_bool()) throw bad_request("'applicant_present' must be true or false", "applicant_present");
    r.applicant_present = p->as_bool();
  }
  return r;
}

}  // namespace ow::acceptance
